"""/readyz against real servers, up and down: the database, the cache, the broker when one
is configured, the object store when S3_BUCKET is set. /healthz stays a constant."""

import socket
import threading
import time

import pytest
from django.core.cache import caches

from board.ops import readiness
from board.tests.integration.conftest import cache_settings
from board.tests.net import closed_port

pytestmark = pytest.mark.django_db


def ready(client):
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json(), elapsed


def test_ready_without_services_checks_the_database_and_the_cache(client):
    # The quick start: SQLite, a memory cache, tasks in-process (no broker to check).
    status, body, _ = ready(client)
    assert status == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_only_get_and_head(client):
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405


def test_healthz_checks_nothing(client, settings, use_broker):
    # The load balancer's liveness probe stays trivial: even with every service away.
    settings.CACHES = cache_settings(f"redis://127.0.0.1:{closed_port()}/0")
    use_broker(f"redis://127.0.0.1:{closed_port()}/0")
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


class TestCache:
    def test_redis_up(self, client, settings, redis_url):
        settings.CACHES = cache_settings(redis_url)
        status, body, _ = ready(client)
        assert (status, body["checks"]["cache"]) == (200, "ok")

    def test_redis_down_names_the_cache_and_no_address(self, client, settings):
        url = f"redis://:sekrit-password@127.0.0.1:{closed_port()}/0"
        settings.CACHES = cache_settings(url)
        status, body, elapsed = ready(client)
        assert status == 503
        assert body == {"status": "fail", "checks": {"database": "ok", "cache": "fail"}}
        assert elapsed < 2
        text = str(body)
        assert "sekrit" not in text and "127.0.0.1" not in text

    def test_a_real_redis_stopped_answering_is_reported(self, client, settings, redis_url):
        # A Redis that accepts the connection and never answers: the cache's own 0.5 s
        # socket timeout ends it, inside the deadline.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(8)
            settings.CACHES = cache_settings(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
            status, body, elapsed = ready(client)
        assert (status, body["checks"]["cache"]) == (503, "fail")
        assert elapsed < 2


class TestBroker:
    def test_broker_up(self, client, use_broker, live_broker):
        use_broker(live_broker)
        status, body, elapsed = ready(client)
        assert status == 200, body
        assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
        assert elapsed < 2

    @pytest.mark.parametrize("scheme", ["redis", "amqp"])
    def test_broker_down(self, client, use_broker, scheme):
        use_broker(f"{scheme}://guest:sekrit@127.0.0.1:{closed_port()}//")
        status, body, elapsed = ready(client)
        assert status == 503
        assert body["checks"]["broker"] == "fail"
        assert body["checks"]["database"] == body["checks"]["cache"] == "ok"
        assert elapsed < 2
        assert "sekrit" not in str(body)

    def test_a_broker_that_never_answers_times_out_within_the_deadline(self, client, use_broker):
        # Accepts TCP connections (the kernel does, from the backlog) but never speaks AMQP.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(8)
            use_broker(f"amqp://guest:guest@127.0.0.1:{silent.getsockname()[1]}//")
            status, body, elapsed = ready(client)
        assert status == 503
        assert body["checks"]["broker"] in ("timeout", "fail")
        assert elapsed < 2


class TestObjectStore:
    def test_bucket_reachable(self, client, s3_store):
        status, body, _ = ready(client)
        assert status == 200, body
        assert body["checks"]["object_store"] == "ok"

    def test_missing_bucket(self, client, settings, s3_store):
        settings.S3_BUCKET = "nexus-readyz-no-such-bucket"
        status, body, _ = ready(client)
        assert (status, body["checks"]["object_store"]) == (503, "fail")

    def test_store_down(self, client, settings, s3_store):
        options = {**s3_store, "endpoint_url": f"http://127.0.0.1:{closed_port()}"}
        settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}
        settings.STORAGES["default"]["OPTIONS"] = options
        status, body, _ = ready(client)
        # "timeout" when building the client alone outlasts the deadline (a loaded machine)
        assert (status, body["checks"]["object_store"] in ("fail", "timeout")) == (503, True)
        # No bound on `elapsed` here: the first check in a process builds boto3's client,
        # seconds of CPU on a loaded machine (the deadline is proven by the other tests).
        assert "127.0.0.1" not in str(body)


class TestPrepare:
    """readiness.prepare(), which gunicorn's post_worker_init calls: the first probe of a
    worker finds the S3 client built (lru_cache's misses count the clients built)."""

    @pytest.fixture(autouse=True)
    def no_client_yet(self):
        readiness.s3_client.cache_clear()
        yield
        readiness.s3_client.cache_clear()

    def test_builds_the_client_the_probes_then_reuse(self, client, s3_store):
        readiness.prepare()
        built = readiness.object_store_client()
        assert readiness.s3_client.cache_info().misses == 1
        for _ in range(3):
            status, body, _ = ready(client)
            assert (status, body["checks"]["object_store"]) == (200, "ok")
        assert readiness.s3_client.cache_info().misses == 1  # none built by the probes
        assert readiness.object_store_client() is built

    def test_without_prepare_the_first_probe_builds_it(self, client, s3_store):
        ready(client)
        assert readiness.s3_client.cache_info().misses == 1

    def test_nothing_without_an_object_store(self, settings):
        settings.S3_BUCKET = ""
        readiness.prepare()
        assert readiness.s3_client.cache_info().currsize == 0


def test_checks_run_at_once_not_one_after_another(client, settings, use_broker):
    # Two services that never answer cost one deadline, not two.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        settings.CACHES = cache_settings(f"redis://127.0.0.1:{port}/0")
        use_broker(f"amqp://guest:guest@127.0.0.1:{port}//")
        status, body, elapsed = ready(client)
    assert status == 503
    assert body["checks"]["cache"] != "ok" and body["checks"]["broker"] != "ok"
    assert elapsed < 2


def test_no_thread_or_connection_left_behind(client):
    before = threading.active_count()
    for _ in range(5):
        ready(client)
    time.sleep(0.1)
    assert threading.active_count() <= before
    caches.close_all()
