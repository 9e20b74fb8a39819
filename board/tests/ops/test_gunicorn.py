"""gunicorn.conf.py, with a real gunicorn: read from the working directory, and a SIGTERM
lets the requests in flight finish (within GUNICORN_GRACEFUL_TIMEOUT) before it exits."""

import http.client
import signal
import threading
import time

import pytest

from board.tests.ops.gunicorn_server import gunicorn

pytestmark = pytest.mark.integration


def request_in_flight(server, tmp_path, seconds):
    """Start `GET /healthz?sleep=seconds` in a thread; return once a worker holds it."""
    outcome = {}

    def run():
        started = time.monotonic()
        try:
            outcome["answer"] = server.get(f"/healthz?sleep={seconds}", timeout=30)
        except (OSError, http.client.HTTPException) as exc:
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    thread.start()
    marker = tmp_path / "slow-request"
    give_up = time.monotonic() + 10
    while not marker.exists():
        assert time.monotonic() < give_up, "the slow request never reached a worker"
        time.sleep(0.05)
    return thread, outcome


def test_the_config_is_read_from_the_working_directory(tmp_path):
    with gunicorn(tmp_path, WEB_CONCURRENCY="3") as server:
        # The first worker answers while the others may still be starting.
        give_up = time.monotonic() + 30
        while server.log_text().count("Booting worker with pid") < 3:
            assert time.monotonic() < give_up, server.log_text()
            time.sleep(0.1)
        log = server.log_text()
    assert "Using worker: sync" in log
    # The access log is off: Django writes the request lines (JSON, with request ids).
    assert '"GET /healthz HTTP/1.1" 200' not in log


def loaded_by(server):
    """(pid of the process that loaded the code, pid of the worker that answered, how
    many objects the worker's garbage collector leaves alone)."""
    status, body = server.get("/?loaded-by")
    assert status == 200
    return tuple(int(number) for number in body.split())


def test_the_master_loads_the_code_and_recycled_workers_are_forked_from_it(tmp_path):
    # Loaded in each worker, every start and every recycle cost ~1.6 s of CPU.
    with gunicorn(
        tmp_path, WEB_CONCURRENCY="1", GUNICORN_MAX_REQUESTS="2", GUNICORN_MAX_REQUESTS_JITTER="0"
    ) as server:
        answers = [loaded_by(server) for _ in range(5)]
        log = server.log_text()
    assert {loader for loader, _, _ in answers} == {server.process.pid}
    assert len({worker for _, worker, _ in answers}) >= 2  # workers were recycled meanwhile
    assert "Autorestarting worker" in log
    # What the master loaded is frozen out of the workers' collections (shared pages).
    assert min(frozen for _, _, frozen in answers) > 10_000


def test_without_preloading_each_worker_loads_the_code(tmp_path):
    with gunicorn(tmp_path, WEB_CONCURRENCY="1", GUNICORN_PRELOAD="0") as server:
        loader, worker, frozen = loaded_by(server)
    assert loader == worker != server.process.pid
    assert frozen == 0


def test_sigterm_lets_the_request_in_flight_finish(tmp_path):
    marker = tmp_path / "slow-request"
    with gunicorn(
        tmp_path,
        WEB_CONCURRENCY="2",
        GUNICORN_GRACEFUL_TIMEOUT="15",
        SLOW_REQUEST_MARKER=str(marker),
    ) as server:
        thread, outcome = request_in_flight(server, tmp_path, seconds=3)
        stopped = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        thread.join(30)
        assert outcome.get("answer") == (200, b"ok"), outcome
        assert outcome["seconds"] >= 3
        # Then gunicorn exits by itself, cleanly, without waiting out the grace period.
        assert server.process.wait(timeout=40) == 0
        assert time.monotonic() - stopped < 25
        with pytest.raises(OSError):
            server.get("/healthz", timeout=2)


def test_a_request_longer_than_the_grace_period_is_cut(tmp_path):
    # GUNICORN_GRACEFUL_TIMEOUT bounds a shutdown: the platform's own grace period must be
    # longer, or it kills gunicorn before its workers could finish.
    marker = tmp_path / "slow-request"
    with gunicorn(
        tmp_path,
        WEB_CONCURRENCY="1",
        GUNICORN_GRACEFUL_TIMEOUT="1",
        SLOW_REQUEST_MARKER=str(marker),
    ) as server:
        thread, outcome = request_in_flight(server, tmp_path, seconds=8)
        stopped = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=15)
        thread.join(30)
        assert time.monotonic() - stopped < 5
        assert "error" in outcome, outcome


BUILT = "readiness: object store client built"


def test_each_worker_builds_the_readiness_s3_client_before_its_first_probe(
    tmp_path, settings, s3_store
):
    # post_worker_init → readiness.prepare(): the client is built at boot, not in /readyz.
    with gunicorn(
        tmp_path,
        WEB_CONCURRENCY="2",
        S3_BUCKET=settings.S3_BUCKET,
        S3_ENDPOINT_URL=s3_store["endpoint_url"],
        S3_REGION=s3_store["region_name"],
        S3_ACCESS_KEY_ID=s3_store["access_key"],
        S3_SECRET_ACCESS_KEY=s3_store["secret_key"],
        S3_ADDRESSING_STYLE="path",
    ) as server:
        status, body = server.get("/readyz")
        assert status == 200, body
        assert b'"object_store": "ok"' in body
        # The first probe is answered by a worker that is ready; the other may still
        # be starting on a loaded machine (it failed once in CI reading the log here).
        deadline = time.monotonic() + 20
        while (log := server.log_text()).count(BUILT) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert log.count(BUILT) == 2  # one per worker
    assert "readiness.prepare() failed" not in log


def test_a_worker_without_an_object_store_builds_nothing(tmp_path):
    with gunicorn(tmp_path, WEB_CONCURRENCY="1") as server:
        assert server.get("/readyz")[0] == 200
        log = server.log_text()
    assert "object store client" not in log
    assert "readiness.prepare() failed" not in log
