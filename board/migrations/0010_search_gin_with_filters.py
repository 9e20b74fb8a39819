"""The keyword search's GIN index, narrowed to published jobs and widened to the
filters searched with it (PostgreSQL only; SQLite searches with LIKE).

The old index held only the search document, so a keyword plus "remote, full time"
made PostgreSQL read a second index of every remote job (12,000 rows at 100,000
jobs) and intersect the two. btree_gin lets one GIN index hold the workplace,
type and level too: the whole search is one index scan. Only published jobs
are ever searched (`Job.objects.visible()`), so the others are left out.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS job_search_gin ON board_job
USING gin (search_vector, workplace, employment_type, experience_level)
WHERE status = 'published'
"""
OLD = "CREATE INDEX IF NOT EXISTS job_search_vector_gin ON board_job USING gin (search_vector)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # A trusted extension: the database's owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        schema_editor.execute(CREATE)
        schema_editor.execute("DROP INDEX IF EXISTS job_search_vector_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD)
        schema_editor.execute("DROP INDEX IF EXISTS job_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0009_filter_count_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
