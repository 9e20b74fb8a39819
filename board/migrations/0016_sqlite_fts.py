"""Search that finds word forms on SQLite, and symbol terms (C++, C#, .NET) on both.

* Both: the text is indexed through board_search_text(), which spells out
  symbol terms as board/search.py's normalise() does for queries. PostgreSQL
  gets it as an SQL function, and the search document column is rebuilt with
  it (a generated column's expression cannot be altered), with its GIN index
  (0010). SQLite gets it from Python on each connection (BoardConfig.ready).
* SQLite: an FTS5 index with Porter stemming, board_job_fts, and the triggers
  that keep it in step with board_job; the document column is left empty.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import board.search

# As in 0010.
GIN_INDEX = """
CREATE INDEX IF NOT EXISTS job_search_gin ON board_job
USING gin (search_vector, workplace, employment_type, experience_level)
WHERE status = 'published'
"""


def create_function(apps, schema_editor):
    board.search.install_search_text_function(schema_editor)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS board_search_text(text)")


def create_gin_index(apps, schema_editor):
    # Dropping the old column dropped its index.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN_INDEX)


def create_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in board.search.SQLITE_INDEX:
            schema_editor.execute(statement)
        board.search.rebuild_sqlite_index(schema_editor)


def drop_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in board.search.SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS board_job_fts")


class Migration(migrations.Migration):
    dependencies = [("board", "0015_salary_currencies")]

    operations = [
        migrations.RunPython(create_function, drop_function),
        # Backwards, the old column is back by now and needs its index.
        migrations.RunPython(migrations.RunPython.noop, create_gin_index),
        migrations.RemoveField(model_name="job", name="search_vector"),
        migrations.AddField(
            model_name="job",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        board.search.NormalisedPart("title", config="english", weight="A"),
                        "||",
                        board.search.NormalisedPart(
                            "company_name", "category_name", config="english", weight="B"
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    "||",
                    board.search.NormalisedPart("description", config="english", weight="C"),
                    django.contrib.postgres.search.SearchConfig("english"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(create_gin_index, migrations.RunPython.noop),
        migrations.RunPython(create_sqlite_index, drop_sqlite_index),
        migrations.CreateModel(
            name="JobSearchEntry",
            fields=[
                (
                    "job",
                    models.OneToOneField(
                        db_column="id",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="board.job",
                    ),
                ),
                ("document", models.TextField(db_column="board_job_fts")),
                ("rank", models.FloatField(db_column="rank")),
            ],
            options={"db_table": "board_job_fts", "managed": False},
        ),
    ]
