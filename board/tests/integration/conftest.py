"""Tests against real servers: Redis as the cache, and a Celery worker on a real broker
(Redis, or RabbitMQ) with PostgreSQL as the database it shares with the test.

A test whose server is not reachable is skipped, so `pytest` passes on a laptop with none of
them; `REQUIRE_SERVICES=1` (CI) turns every such skip into a failure.

    REDIS_TEST_URL     the cache's Redis          (default redis://127.0.0.1:6379/15)
    REDIS_BROKER_URL   Redis as a Celery broker   (default redis://127.0.0.1:6379/14)
    AMQP_BROKER_URL    RabbitMQ as a broker       (default amqp://guest:guest@127.0.0.1:5672//)
"""

import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from board.tests.net import reachable, unavailable

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
BROKERS = {
    "redis": os.environ.get("REDIS_BROKER_URL", "redis://127.0.0.1:6379/14"),
    "rabbitmq": os.environ.get("AMQP_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
}
WORKER_DEADLINE = 30  # seconds a worker gets to do what a test waits for


def cache_settings(url, **options):
    """CACHES as site_config/settings.py writes them when REDIS_URL is set."""
    return {
        "default": {
            "BACKEND": "site_config.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "nexus-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        },
        "fragments": django_settings.CACHES["fragments"],
    }


@pytest.fixture(autouse=True)
def _forget_outages():
    # The resilient cache remembers an outage per process; each test starts without one.
    from site_config import cache as resilient

    resilient._down_until.clear()
    resilient._last_warning.clear()
    yield
    resilient._down_until.clear()
    resilient._last_warning.clear()


@pytest.fixture
def redis_cache(settings):
    """The default cache is a real Redis (its own database, emptied before and after)."""
    from django.core.cache import cache

    if not reachable(REDIS_TEST_URL):
        unavailable(f"Redis is not reachable at {REDIS_TEST_URL}")
    settings.CACHES = cache_settings(REDIS_TEST_URL)
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def wait_for():
    def wait_for(condition, what, deadline=WORKER_DEADLINE, worker=None):
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            if result := condition():
                return result
            if worker is not None and worker.process.poll() is not None:
                pytest.fail(f"the worker died while waiting for {what}:\n{worker.log_tail()}")
            time.sleep(0.2)
        log = worker.log_tail() if worker else ""
        pytest.fail(f"gave up after {deadline} s waiting for {what}\n{log}")

    return wait_for


# A real Celery worker


def _test_database_url():
    """DATABASE_URL of the test database, for the worker (another process) to share."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "localhost"
    port = db["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{quote(db['NAME'], safe='')}"


class Worker:
    def __init__(self, process, log, mail_dir):
        self.process, self.log, self.mail_dir = process, log, mail_dir

    def log_tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def mails(self):
        """The e-mails the worker has finished writing.

        Django's file backend creates the file before it writes the message and ends each
        message with a line of 79 dashes, so a file without that line is still being written.
        """
        texts = (path.read_text(errors="replace") for path in sorted(self.mail_dir.glob("*")))
        return [text for text in texts if text.endswith("-" * 79 + "\n")]

    def stop(self):
        """A warm shutdown, as a deploy would ask for; killed if it hangs.

        On RabbitMQ this takes up to ~10 s: the worker's event loop only checks for the
        shutdown between timer ticks, and with nothing else to do it sleeps up to 10 s.
        """
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture(params=sorted(BROKERS))
def broker_url(request):
    url = BROKERS[request.param]
    if not reachable(url):
        unavailable(f"the {request.param} broker is not reachable at {url}")
    return url


@pytest.fixture
def shared_database(transactional_db):
    """A test database another process can use: PostgreSQL, with every write committed."""
    if connection.vendor != "postgresql":
        # Not a failure even under REQUIRE_SERVICES: CI runs these on PostgreSQL.
        pytest.skip(
            "a worker is another process and cannot see the SQLite test database "
            "(in memory); run with DATABASE_URL=postgres://… to include these tests"
        )


@pytest.fixture
def celery_worker(shared_database, broker_url, tmp_path):
    """start(email_url=None, pool="solo", options=(), **environment) runs `celery worker`
    on a queue of this test's own (with `options` added to its command line and
    `environment` to its variables), and switches this process from eager tasks to that
    broker and queue; all undone at teardown."""
    from site_config.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    workers = []
    saved = {name: app.conf[name] for name in ("task_always_eager", "broker_url")}
    saved["task_default_queue"] = app.conf.task_default_queue
    app.conf.update(task_always_eager=False, broker_url=broker_url, task_default_queue=queue)
    _reset_broker_connections(app)

    def start(email_url=None, pool="solo", options=(), **environment):
        mail_dir = tmp_path / f"mail-{len(workers)}"
        mail_dir.mkdir()
        log = tmp_path / f"worker-{len(workers)}.log"
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(
                ("CELERY_", "DATABASE_", "EMAIL_", "REDIS_", "METRICS_", "PROMETHEUS_", "WORKER_")
            )
        }
        env.update(
            DJANGO_SETTINGS_MODULE="site_config.settings",
            DJANGO_ENV="local",
            DATABASE_URL=_test_database_url(),
            CELERY_BROKER_URL=broker_url,
            EMAIL_URL=email_url or f"file://{mail_dir}",
            MEDIA_ROOT=str(django_settings.MEDIA_ROOT),
            PYTHONUNBUFFERED="1",
            **environment,
        )
        command = [
            sys.executable, "-m", "celery", "-A", "site_config", "worker",
            f"--pool={pool}", "--concurrency=1", *options, "--loglevel=INFO", "-n", f"{queue}@%h",
            "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue,
        ]  # fmt: skip
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 -- our own command line
                command,
                cwd=Path(django_settings.BASE_DIR),
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log, mail_dir)
        workers.append(worker)
        return worker

    yield start

    for worker in workers:
        worker.stop()
    _delete_queue(app, queue)
    app.conf.update(saved)
    _reset_broker_connections(app)


def _reset_broker_connections(app):
    # The app keeps connection pools (in kombu's registry) and its queue declarations once
    # used; both must follow the broker and queue just configured.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.__dict__.pop("amqp", None)


def _delete_queue(app, queue):
    # Declared first: the Redis transport only deletes the bindings it knows of.
    try:
        with app.connection_for_write() as conn:
            bound = app.amqp.queues[queue](conn.default_channel)
            bound.declare()
            bound.delete()
            bound.exchange.delete()
    except Exception as exc:  # tidying up only: the queue name is never used again
        logging.getLogger(__name__).warning("could not delete test queue %s: %r", queue, exc)
