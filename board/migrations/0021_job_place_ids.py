"""Each job's places in its own row, in the keyword search's index (issue 15).

A keyword in a city ("data" in London) was the slowest search left at a million
jobs: the city is a filter on board_joblocation, so PostgreSQL read the city's
22,771 jobs one by one and tested each one's document (150-250 ms), or read the
word's matches and looked each up in the city. Neither index can answer both.

On PostgreSQL, board_job.place_ids now holds the ids of the job's places (its
JobLocation rows with a place), and job_search_gin indexes it as one more
column: a word and a city are then intersected inside that one index, and only
the jobs holding both are read (JobQuerySet.in_place and near, for keyword
searches).
"python" in London: 202 → about 25 ms of database time at a million jobs.

The column is the database's, not the model's: triggers on board_joblocation
keep it (statement triggers, so a bulk insert or COPY of locations updates each
of its jobs once), and Django never writes it, so a save() of a job loaded
before its places changed cannot put back old ids. SQLite has no such column:
its city filter stays a look-up in board_joblocation.

Filling the column writes every job row once, with the job table locked: run
VACUUM (FULL, ANALYZE) board_job afterwards, or at least VACUUM (ANALYZE)
(docs/operations.md, which has the time it takes).
"""

from django.db import migrations

# The places of the jobs whose locations a statement changed (`jobs`: a query of
# their ids), written only where they differ: a COPY of jobs may have set them.
REFRESH = """
    UPDATE board_job j SET place_ids = fresh.ids
    FROM (
        SELECT changed.job_id, ARRAY(
            SELECT l.place_id FROM board_joblocation l
            WHERE l.job_id = changed.job_id AND l.place_id IS NOT NULL
            ORDER BY l.place_id
        ) AS ids
        FROM ({jobs}) changed (job_id)
    ) fresh
    WHERE j.id = fresh.job_id AND j.place_ids IS DISTINCT FROM fresh.ids;
"""

FUNCTION = """
    CREATE FUNCTION board_job_place_ids() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            {on_update}
        ELSE
            {otherwise}
        END IF;
        RETURN NULL;
    END
    $$
"""

FORWARD = [
    # Adding the column locks board_job (reads too) until the migration commits;
    # creating the triggers locks out writers of board_joblocation likewise, so no
    # location can change between the fill below and the triggers taking over.
    "ALTER TABLE board_job ADD COLUMN place_ids bigint[] NOT NULL DEFAULT '{}'",
    # One function for the three triggers: each names its rows `changed_rows`.
    FUNCTION.format(
        on_update=REFRESH.format(
            jobs="SELECT job_id FROM changed_rows UNION SELECT job_id FROM old_rows"
        ),
        otherwise=REFRESH.format(jobs="SELECT DISTINCT job_id FROM changed_rows"),
    ),
    """CREATE TRIGGER joblocation_place_ids_insert AFTER INSERT ON board_joblocation
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_job_place_ids()""",
    """CREATE TRIGGER joblocation_place_ids_update AFTER UPDATE ON board_joblocation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_job_place_ids()""",
    """CREATE TRIGGER joblocation_place_ids_delete AFTER DELETE ON board_joblocation
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION board_job_place_ids()""",
    # The search's index is dropped before the fill, which would otherwise add an
    # entry of each job's document to it, and built again with the column (as
    # migration 0002 made it, plus place_ids).
    "DROP INDEX job_search_gin",
    REFRESH.format(jobs="SELECT DISTINCT job_id FROM board_joblocation WHERE place_id IS NOT NULL"),
    """CREATE INDEX job_search_gin ON board_job
    USING gin (search_vector, workplace, employment_type, experience_level, place_ids)
    WHERE status = 'published'""",
]

BACKWARD = [
    "DROP INDEX job_search_gin",
    """CREATE INDEX job_search_gin ON board_job
    USING gin (search_vector, workplace, employment_type, experience_level)
    WHERE status = 'published'""",
    "DROP TRIGGER joblocation_place_ids_insert ON board_joblocation",
    "DROP TRIGGER joblocation_place_ids_update ON board_joblocation",
    "DROP TRIGGER joblocation_place_ids_delete ON board_joblocation",
    "DROP FUNCTION board_job_place_ids()",
    "ALTER TABLE board_job DROP COLUMN place_ids",
]


def add_place_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def drop_place_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("board", "0020_device_names")]

    operations = [migrations.RunPython(add_place_ids, drop_place_ids, elidable=False)]
