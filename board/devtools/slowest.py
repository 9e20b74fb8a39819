"""`benchmark --slowest N`: each request of the scenarios on its own, timed, with the
time its statements spent in the database; then the N slowest, each with its statements.

Throughput under load says how much a mix costs; this says which of its requests cost it.
It found, on 2026-12-07, that one search in ten of the broad mix (a category filter) spent
0.5 s in the database at a million jobs while the median search spent 19 ms.
"""

import statistics
import time
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Timed:
    path: str
    ms: float = 0.0  # wall-clock time of the request
    statements: list = field(default_factory=list)  # [(ms, sql)] in the order run

    @property
    def db_ms(self):
        return sum(ms for ms, _ in self.statements)


def time_each(get, paths, headers):
    """[Timed] of each of `paths`, requested once by get(path, headers)."""
    timed = []
    for path in paths:
        each = Timed(path)

        def record(execute, sql, params, many, context, each=each):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                each.statements.append(((time.perf_counter() - started) * 1000, sql))

        with connection.execute_wrapper(record):
            started = time.perf_counter()
            get(path, headers)
            each.ms = (time.perf_counter() - started) * 1000
        timed.append(each)
    return timed


def report(name, timed, top):
    """Markdown lines: the distribution of `timed`, then its `top` slowest requests."""
    walls = sorted(each.ms for each in timed)
    databases = [each.db_ms for each in timed]
    ninetieth = walls[min(len(walls) - 1, int(0.9 * len(walls)))]
    median, mean = statistics.median(walls), statistics.mean(walls)
    in_database = (
        f"median {statistics.median(databases):.1f}, mean {statistics.mean(databases):.1f}"
    )
    lines = [
        f"\n{name}: {len(timed)} requests, one at a time, ms: median {median:.1f}, mean "
        f"{mean:.1f}, 90th percentile {ninetieth:.1f}, slowest {walls[-1]:.1f}; in the "
        f"database: {in_database}.",
        "",
        "| ms | in the database | statements | request |",
        "|---|---|---|---|",
    ]
    slowest = sorted(timed, key=lambda each: each.ms, reverse=True)[:top]
    lines += [
        f"| {each.ms:.1f} | {each.db_ms:.1f} | {len(each.statements)} | `{each.path}` |"
        for each in slowest
    ]
    for each in slowest[:3]:
        lines.append(f"\nStatements of `{each.path}` (ms, and the start of each statement):\n")
        lines += [f"    {ms:8.1f}  {' '.join(sql.split())[:110]}" for ms, sql in each.statements]
    return lines
