"""The benchmark command's own arithmetic: wrk's result line, CPU time from /proc and
instruction counts from cachegrind's output; and its EXPLAIN of a page's queries."""

import os
import time
from pathlib import Path

import pytest
from django.db import connection

from board.devtools import slowest
from board.devtools.management.commands.benchmark import (
    CLOCK_TICKS,
    RESULT_MARKER,
    Scenario,
    cachegrind_total,
    explain_queries,
    measured_paths,
    parse_proc_stat,
    parse_wrk_result,
    recycles,
    server_cpu_seconds,
)


def test_wrk_result_line_in_requests_per_second_and_milliseconds():
    line = (
        '{"requests": 800, "duration_us": 8000000, "bytes": 819200, "connect": 0, "read": 1, '
        '"write": 0, "status": 2, "timeout": 0, "p50_us": 80500, "p95_us": 120000, '
        '"p99_us": 150250}'
    )
    result = parse_wrk_result(f"Running 8s test\n{RESULT_MARKER}{line}\n")
    assert result.requests == 800
    assert result.requests_per_second == 100
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (80.5, 120, 150.25)
    assert result.errors == 3
    assert result.bytes_per_request == 1024


def test_proc_stat_line_with_a_name_that_has_spaces_and_parentheses():
    fields = ["S", "1", "4321", "4321", "0", "-1", "4194560", "9", "0", "0", "0"]
    # Its own user and system time (30 s, 1 s), then its ended children's (2 s, 0.5 s).
    ticks = [30 * CLOCK_TICKS, CLOCK_TICKS, 2 * CLOCK_TICKS, CLOCK_TICKS // 2]
    rest = " ".join(fields + [str(tick) for tick in ticks])
    name, session, seconds = parse_proc_stat(f"4322 (gunicorn: worker (x)) {rest} 20 0 1 0 99\n")
    assert name == "gunicorn: worker (x)"
    assert session == 4321
    assert seconds == pytest.approx(30 + 1 + 2 + 0.5)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_server_cpu_counts_the_sessions_processes():
    session = os.getsid(0)  # this test process's own session stands in for gunicorn's
    before = server_cpu_seconds(session)["app"]
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass  # burn CPU
    after = server_cpu_seconds(session)["app"]
    assert after - before >= 0.2
    assert server_cpu_seconds(-1)["app"] == 0  # no process has that session


def test_cachegrind_total_is_the_instruction_count_of_the_summary_line(tmp_path):
    # As cachegrind writes it with --cache-sim=no (the command line has colons of its own).
    output = tmp_path / "4321"
    output.write_text(
        "desc: I1 cache: 65536 B, 64 B, 16-way associative\n"
        "cmd: python manage.py benchmark --count-instructions\n"
        "events: Ir\nfl=./csu/libc-start.c\nfn=__libc_start_main\n128 2\n"
        "summary: 6829651879\n"
    )
    assert cachegrind_total(output) == 6829651879
    # With the cache simulation on, Ir is one of several columns: take the right one.
    output.write_text("events: Dr Ir I1mr\nfn=main\n1 5 7 0\nsummary: 500 700 3\n")
    assert cachegrind_total(output) == 700


def test_recycles_counts_the_workers_gunicorn_recycled(tmp_path):
    # The lines of gunicorn's sync worker (27.x) at max_requests, and a boot.
    log = tmp_path / "gunicorn.log"
    log.write_text(
        "[2026-12-07 13:12:11 +0000] [25083] [INFO] Booting worker with pid: 25083\n"
        "[2026-12-07 13:12:14 +0000] [25083] [INFO] Autorestarting worker after current request.\n"
        "[2026-12-07 13:12:14 +0000] [25083] [INFO] Worker exiting (pid: 25083)\n"
        "[2026-12-07 13:12:15 +0000] [25090] [INFO] Autorestarting worker after current request.\n"
    )
    assert recycles(log) == 2


def test_measured_paths_repeat_the_scenarios_paths_and_keep_wrks_unique_parameter():
    search = Scenario("search", "", ["/jobs/?q=a", "/jobs/?q=b"], unique=True)
    assert measured_paths(search, 3, "measured") == [
        "/jobs/?q=a&n=measured-0",
        "/jobs/?q=b&n=measured-1",
        "/jobs/?q=a&n=measured-2",
    ]
    job = Scenario("job", "", ["/jobs/1-a/", "/jobs/2-b/", "/jobs/3-c/"])
    assert measured_paths(job, 2, "warm-up") == ["/jobs/1-a/", "/jobs/2-b/"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="plans are PostgreSQL's")
def test_explain_shows_the_statements_planned_with_switches_too():
    from board.tests.factories import JobFactory

    JobFactory(title="Figma Designer")
    plans = explain_queries("/jobs/?q=figma")
    # The count is planned with sequential and plain index scans off (ranking.py
    # fetch_by_bitmaps): shown with its switches, planned as the page plans it.
    (sql, plan), *_ = [each for each in plans if each[0].startswith("SET LOCAL")]
    assert "enable_seqscan = off" in sql and "WITH matches" in sql
    assert "Seq Scan on board_job" not in plan and "actual time" in plan


@pytest.mark.django_db
def test_each_request_is_timed_with_its_own_statements():
    def get(path, headers):
        with connection.cursor() as cursor:
            for _ in range(int(path.strip("/"))):
                cursor.execute("SELECT 1")

    timed = slowest.time_each(get, ["/2/", "/0/", "/3/"], {})
    assert [each.path for each in timed] == ["/2/", "/0/", "/3/"]
    assert [len(each.statements) for each in timed] == [2, 0, 3]
    assert all(each.ms >= each.db_ms >= 0 for each in timed)
    assert timed[2].statements[0][1] == "SELECT 1"


def test_the_report_lists_the_slowest_requests_first_with_their_statements():
    timed = [
        slowest.Timed("/fast/", 2.0, [(1.0, "SELECT 1")]),
        slowest.Timed("/slow/", 50.0, [(10.0, "SELECT   2\n  FROM t"), (30.0, "SELECT 3")]),
        slowest.Timed("/middle/", 9.0, []),
    ]
    lines = slowest.report("search", timed, top=2)
    assert "3 requests" in lines[0] and "median 9.0" in lines[0] and "slowest 50.0" in lines[0]
    assert "in the database: median 1.0, mean 13.7" in lines[0]
    rows = [line for line in lines if line.startswith("| ") and "`" in line]
    assert rows == ["| 50.0 | 40.0 | 2 | `/slow/` |", "| 9.0 | 0.0 | 0 | `/middle/` |"]
    assert "        10.0  SELECT 2 FROM t" in lines  # one line a statement, spaces folded


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark runs on PostgreSQL")
def test_the_report_names_the_servers_buffer_cache():
    from io import StringIO

    from board.devtools.management.commands.benchmark import Command

    command = Command(stdout=StringIO())
    options = {"workers": 5, "threads": 2, "connections": 8, "duration": 5, "warmup": 1}
    options["instructions"] = 0
    command.print_facts((0.5, 0.7), options)
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
    assert f", shared_buffers {buffers};" in command.stdout.getvalue()
