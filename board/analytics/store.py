"""Counts added to the JobDailyStats table: one INSERT … ON CONFLICT per 500 rows.

Adding, never overwriting: two flushes of different counts for the same job and
day (two processes' buffers, or Redis and a buffer) must both land. Django's
bulk_create(update_conflicts=True) can only overwrite with the new values, so
this is the one statement of SQL written by hand; SQLite (3.24+) and PostgreSQL
both speak it.
"""

import itertools

from django.db import connection, transaction

from board.analytics.models import JobDailyStats
from board.jobs.models import Job

BATCH = 500


def add_counts(counts):
    """Add {(job_id, day): (views, apply_starts)} to the table; returns the rows written.

    Jobs deleted since they were viewed are skipped: their counts have nowhere to go.
    """
    # Sorted: concurrent flushes then lock the rows they share in the same order,
    # and wait for each other instead of deadlocking (seen on PostgreSQL).
    rows = sorted((job, day, v, s) for (job, day), (v, s) in counts.items() if v or s)
    if not rows:
        return 0
    existing = set(Job.objects.filter(pk__in={row[0] for row in rows}).values_list("pk", flat=True))
    rows = [row for row in rows if row[0] in existing]
    quote = connection.ops.quote_name
    table = quote(JobDailyStats._meta.db_table)
    views, starts = quote("views"), quote("apply_starts")
    with transaction.atomic(), connection.cursor() as cursor:
        for batch in itertools.batched(rows, BATCH, strict=False):
            params = []
            for job, day, v, s in batch:
                params += [job, connection.ops.adapt_datefield_value(day), v, s]
            placeholders = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            cursor.execute(
                # Only quoted names and placeholders are formatted in; values are parameters.
                f"INSERT INTO {table} ({quote('job_id')}, {quote('day')}, {views}, {starts}) "  # noqa: S608
                f"VALUES {placeholders} ON CONFLICT ({quote('job_id')}, {quote('day')}) "
                f"DO UPDATE SET {views} = {table}.{views} + excluded.{views}, "
                f"{starts} = {table}.{starts} + excluded.{starts}",
                params,
            )
    return len(rows)
