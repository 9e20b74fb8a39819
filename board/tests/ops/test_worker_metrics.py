"""The worker's metrics server (board/ops/worker_metrics.py) in this process: when it
starts, what it refuses, what it answers. The real worker is in
board/tests/integration/test_worker_metrics.py."""

import logging
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from board.ops import worker_metrics
from board.tests.net import free_port

TOKEN = "worker-metrics-unit-token"
# Another process counting into the folder, as a pool child does.
COUNT_ONE_FAILURE = """
from prometheus_client import Counter
Counter("nexus_celery_task_failures", "failures", ["task"]).labels("board.x.tasks.y").inc(3)
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "prometheus"
    path.mkdir()
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(path))
    return path


@pytest.fixture
def started(settings, folder, monkeypatch):
    servers = []

    def start(token=TOKEN, port=None):
        settings.METRICS_TOKEN = token
        monkeypatch.setenv("WORKER_METRICS_PORT", str(port or free_port()))
        server = worker_metrics.serve()
        if server is not None:
            servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def get(server, path="/metrics", authorization=None, method="GET"):
    url = f"http://127.0.0.1:{server.server_port}{path}"
    headers = {"Authorization": authorization} if authorization else {}
    request = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 -- loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_serves_the_counts_other_processes_wrote(started, folder):
    subprocess.run(  # noqa: S603 -- our interpreter, our code
        [sys.executable, "-c", COUNT_ONE_FAILURE],
        env={"PROMETHEUS_MULTIPROC_DIR": str(folder)},
        check=True,
    )
    server = started()
    status, headers, body = get(server, authorization=f"Bearer {TOKEN}")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=")
    assert 'nexus_celery_task_failures_total{task="board.x.tasks.y"} 3.0' in body.decode()
    assert server.server_address[0] == "127.0.0.1"  # WORKER_METRICS_ADDR's default


@pytest.mark.parametrize(
    ("authorization", "status"),
    [(None, 401), ("Bearer wrong", 403), (f"Bearer {TOKEN} ", 403), (TOKEN, 403), ("", 401)],
)
def test_without_the_token_nothing_is_read(started, authorization, status):
    server = started()
    answer, headers, body = get(server, authorization=authorization)
    assert answer == status
    assert b"nexus_" not in body
    assert ("WWW-Authenticate" in headers) == (status == 401)


def test_only_the_metrics_path_and_get_or_head(started):
    server = started()
    assert get(server, "/", authorization=f"Bearer {TOKEN}")[0] == 404
    status, _, body = get(server, authorization=f"Bearer {TOKEN}", method="HEAD")
    assert (status, body) == (200, b"")
    assert get(server, authorization=f"Bearer {TOKEN}", method="POST")[0] == 501


def test_no_server_without_the_port(settings, folder, monkeypatch):
    settings.METRICS_TOKEN = TOKEN
    monkeypatch.delenv("WORKER_METRICS_PORT", raising=False)
    assert worker_metrics.serve() is None
    monkeypatch.setenv("WORKER_METRICS_PORT", "")
    assert worker_metrics.serve() is None


def test_no_server_without_a_token_and_the_log_says_why(started, caplog):
    port = free_port()
    with caplog.at_level(logging.ERROR, logger="board.ops.worker_metrics"):
        assert started(token="", port=port) is None
    assert "METRICS_TOKEN is not" in caplog.text
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port)):
        pass


def test_no_server_without_the_multiprocess_folder(started, monkeypatch, caplog):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    with caplog.at_level(logging.ERROR, logger="board.ops.worker_metrics"):
        assert started() is None
    assert "PROMETHEUS_MULTIPROC_DIR is not" in caplog.text


def test_a_port_in_use_is_logged_and_the_worker_goes_on(started, caplog):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with caplog.at_level(logging.ERROR, logger="board.ops.worker_metrics"):
            assert started(port=taken.getsockname()[1]) is None
    assert "cannot listen" in caplog.text


def test_the_folder_is_emptied_at_start_only_when_serving(folder, monkeypatch):
    stale = folder / "counter_12345.db"
    stale.write_bytes(b"\0" * 16)
    monkeypatch.delenv("WORKER_METRICS_PORT", raising=False)
    worker_metrics.empty_folder()
    assert stale.exists()  # not ours to touch: the worker serves nothing
    monkeypatch.setenv("WORKER_METRICS_PORT", str(free_port()))
    worker_metrics.empty_folder()
    assert not stale.exists()
