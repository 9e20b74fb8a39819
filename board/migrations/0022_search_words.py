"""The words of the open jobs' search documents, to correct a misspelt search word
against (board/search/vocabulary.py).

On PostgreSQL the table gets a trigram index (pg_trgm, installed by migration
0002), which finds the words similar to a typed one; SQLite's search does not
allow for typos. The table starts empty: `manage.py refresh_search_words` (and
the hourly task) fills it.

The title trigram index the typo search used before is dropped: nothing else
reads it, and every job written paid for it.
"""

from django.db import migrations, models


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_word_trgm_gin ON board_searchword USING gin (word gin_trgm_ops)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS job_title_trgm_gin")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS job_title_trgm_gin ON board_job "
            "USING gin (title gin_trgm_ops)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS search_word_trgm_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0021_job_place_ids"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("jobs", models.PositiveIntegerField()),
            ],
        ),
        migrations.RunPython(create_index, drop_index),
    ]
