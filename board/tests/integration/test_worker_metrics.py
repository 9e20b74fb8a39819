"""A real Celery worker (prefork pool) serving its own metrics on WORKER_METRICS_PORT.

The failing task runs in a pool child; with --max-tasks-per-child=1 each run is in a new
child, which exits after it: the counts read on the main process's port are the sum over
children that no longer exist, which only the multiprocess folder can give.
"""

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from board.tests.net import free_port

pytestmark = pytest.mark.integration

TOKEN = "worker-metrics-test-token"
# Takes no arguments: sent with three, it raises TypeError on the worker (and changes nothing).
FAILING = "board.jobs.tasks.expire_overdue_jobs"
# What a previous run of the worker left in its folder: five failures of that task.
EARLIER_RUN = f"""
from prometheus_client import Counter
Counter("nexus_celery_task_failures", "", ["task"]).labels("{FAILING}").inc(5)
"""


def scrape(port, authorization=None):
    headers = {"Authorization": authorization} if authorization else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 -- loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def failures(port):
    status, body = scrape(port, f"Bearer {TOKEN}")
    assert status == 200
    found = re.search(rf'nexus_celery_task_failures_total\{{task="{FAILING}"\}} (\S+)', body)
    return float(found.group(1)) if found else 0.0


def listening_ports(pid):
    """TCP ports on which the process `pid` or one of its children listens (from /proc)."""
    pids = {pid} | {
        int(stat.parent.name)
        for stat in Path("/proc").glob("[0-9]*/stat")
        if _parent_of(stat) == pid
    }
    inodes = set()
    for each in pids:
        for fd in Path(f"/proc/{each}/fd").glob("*"):
            try:
                target = fd.readlink().as_posix()
            except OSError:
                continue  # closed meanwhile
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def _parent_of(stat):
    try:
        # The command name (in parentheses) may hold spaces: the fields after it are plain.
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def ready(worker):
    return " ready." in worker.log.read_text(errors="replace")


def test_the_worker_serves_the_failures_of_its_pool_children(celery_worker, wait_for, tmp_path):
    from site_config.celery import app

    port, folder = free_port(), tmp_path / "prometheus"
    folder.mkdir()
    subprocess.run(  # noqa: S603 -- our interpreter, our code
        [sys.executable, "-c", EARLIER_RUN],
        env={"PROMETHEUS_MULTIPROC_DIR": str(folder)},
        check=True,
    )
    worker = celery_worker(
        pool="prefork",
        options=["--max-tasks-per-child=1"],
        WORKER_METRICS_PORT=str(port),
        METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(folder),
    )
    wait_for(lambda: ready(worker), "the worker to be ready", worker=worker)
    assert port in listening_ports(worker.process.pid)

    assert scrape(port)[0] == 401
    assert scrape(port, f"Bearer {TOKEN}x")[0] == 403
    assert scrape(port, TOKEN)[0] == 403  # the token without "Bearer"
    assert failures(port) == 0  # the earlier run's files were removed at start

    for _ in range(2):
        app.send_task(FAILING, args=[1, 2, 3])
    wait_for(lambda: failures(port) == 2, "two failures counted", worker=worker)
    log = worker.log.read_text(errors="replace")
    assert log.count("raised unexpected: TypeError") == 2
    assert TOKEN not in log


def test_no_port_is_opened_without_the_variable(celery_worker, wait_for, tmp_path):
    worker = celery_worker(
        pool="prefork", METRICS_TOKEN=TOKEN, PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prom")
    )
    wait_for(lambda: ready(worker), "the worker to be ready", worker=worker)
    assert listening_ports(worker.process.pid) == set()
    assert "worker metrics" not in worker.log.read_text(errors="replace")
