"""The benchmark command's own arithmetic: wrk's result line and CPU time from /proc."""

import os
import time
from pathlib import Path

import pytest

from board.devtools.management.commands.benchmark import (
    CLOCK_TICKS,
    RESULT_MARKER,
    parse_proc_stat,
    parse_wrk_result,
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
