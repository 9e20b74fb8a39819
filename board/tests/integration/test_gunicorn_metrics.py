"""/metrics under a real gunicorn with several workers: prometheus-client's multiprocess
mode adds up every worker's counts, including a worker that has died since."""

import os
import re
import signal
import threading
import time
from urllib.parse import quote

import pytest
from django.db import connection

from board.tests.ops.gunicorn_server import gunicorn

pytestmark = pytest.mark.integration

TOKEN = "gunicorn-metrics-test-token"


def database_url():
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host, port = db["HOST"] or "localhost", db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{quote(db['NAME'], safe='')}"


def robots_count(server):
    _, body = server.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    found = re.search(
        rb'nexus_http_requests_total\{method="GET",route="/robots.txt",status="2xx"\} (\S+)', body
    )
    return float(found.group(1)) if found else 0.0


def at_once(server, count):
    """`count` requests at the same time: with sync workers, each on a worker of its own."""
    threads = [
        threading.Thread(target=server.get, args=("/robots.txt?sleep=0.5",)) for _ in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)


def test_every_workers_requests_are_counted(shared_database, tmp_path):
    with gunicorn(
        tmp_path, WEB_CONCURRENCY="3", METRICS_TOKEN=TOKEN, DATABASE_URL=database_url()
    ) as server:
        at_once(server, 3)
        at_once(server, 3)
        assert robots_count(server) == 6
        # A worker killed: its counts stay in the sum, and its replacement adds its own.
        booted = re.findall(r"Booting worker with pid: (\d+)", server.log_text())
        pids = [int(pid) for pid in booted]
        os.kill(pids[0], signal.SIGKILL)
        time.sleep(1)
        at_once(server, 3)
        assert robots_count(server) == 9
