"""Keep each job's search document in its row (issue 15).

A job's row holds its description and its search document (the tsvector of
migration 0001), each about 1 KB. Rows over 2 KB have their widest values
compressed or moved to the TOAST table, and PostgreSQL picked the document
about as often as the description. Every search that tests or ranks jobs one
by one (the newest matches of a broad word, the ranking of up to 1,000
matches) then read the document from the TOAST table: three buffer reads a job
instead of one. Walking the newest 2,000 jobs to test "engineer" cost 21 ms,
of which 16 ms were those reads; with the document kept in the row, 10 ms.

STORAGE MAIN keeps a column in the row unless nothing else makes it fit; the
description, which only a job's own page and the 20 snippets of a result page
read, goes out first. It applies to rows written from now on: existing jobs
move when next saved, or all at once with the commands in
docs/operations.md ("Search document storage").
"""

from django.db import migrations


def keep_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE board_job ALTER COLUMN search_vector SET STORAGE MAIN")


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE board_job ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("board", "0005_search_speed")]

    operations = [migrations.RunPython(keep_inline, default_storage, elidable=False)]
