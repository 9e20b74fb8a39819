"""Listing analytics on a real Redis: a job page view is one Redis round trip and no
database write; the flush moves the counters into JobDailyStats, adding, and is
safe to run twice or in several threads at once."""

import threading

import pytest
import redis
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.analytics import counters
from board.analytics.counters import flush_counts, redis_counters
from board.analytics.models import JobDailyStats
from board.tests.analytics.conftest import BROWSER
from board.tests.factories import JobFactory, SeekerFactory
from board.tests.integration.conftest import REDIS_TEST_URL

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analytics_redis(redis_cache, settings):
    """REDIS_URL set, as in production: the counters go to Redis (db 15, emptied)."""
    settings.REDIS_URL = REDIS_TEST_URL
    counters.buffer.take()
    redis_counters.down_until = 0.0
    return redis.Redis.from_url(REDIS_TEST_URL)


def stats(job):
    row = JobDailyStats.objects.filter(job=job, day=timezone.localdate()).first()
    return (row.views, row.apply_starts) if row else (0, 0)


def test_a_view_is_a_redis_counter_not_a_database_write(client, analytics_redis):
    job = JobFactory()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(job.get_absolute_url(), **BROWSER).status_code == 200
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)
    key = f"analytics:{timezone.localdate().isoformat()}"
    assert analytics_redis.hgetall(key) == {f"{job.pk}:v".encode(): b"1"}
    assert 0 < analytics_redis.ttl(key) <= counters.COUNTERS_TTL
    assert not JobDailyStats.objects.exists()
    assert len(counters.buffer.take()) == 0  # nothing went to the buffer


def test_the_flush_adds_and_is_safe_twice(client, analytics_redis):
    job = JobFactory()
    client.force_login(SeekerFactory())
    for _ in range(3):
        client.get(job.get_absolute_url(), **BROWSER)
    assert flush_counts() == 1
    assert stats(job) == (3, 3)
    assert flush_counts() == 0  # nothing left: the second run adds nothing
    assert stats(job) == (3, 3)
    client.get(job.get_absolute_url(), **BROWSER)
    flush_counts()
    assert stats(job) == (4, 4)  # added to the row, not overwriting it
    assert analytics_redis.keys("analytics:*") == []


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="threads share SQLite's in-memory test database, whose table locks fail at once "
    "instead of waiting: concurrent writers are PostgreSQL's case (CI runs it there)",
)
def test_flushes_at_once_count_every_view_once(analytics_redis):
    jobs = [JobFactory() for _ in range(3)]
    today = timezone.localdate()
    errors = []

    def views():
        for _ in range(200):
            for job in jobs:
                redis_counters.add(job.pk, today, ("v",))

    def flush():
        try:
            for _ in range(10):
                flush_counts()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=views) for _ in range(2)]
    threads += [threading.Thread(target=flush) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flush_counts()
    assert errors == []
    assert [stats(job)[0] for job in jobs] == [400, 400, 400]


def test_a_failed_write_puts_the_counts_back(analytics_redis, monkeypatch):
    job = JobFactory()
    redis_counters.add(job.pk, timezone.localdate(), ("v", "s"))

    def fail(counts):
        raise DatabaseError("the database is away")

    monkeypatch.setattr(counters, "add_counts", fail)
    with pytest.raises(DatabaseError):
        flush_counts()
    monkeypatch.undo()
    flush_counts()
    assert stats(job) == (1, 1)


def test_pages_still_answer_when_redis_is_away(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    redis_counters.down_until = 0.0
    job = JobFactory()
    assert client.get(job.get_absolute_url(), **BROWSER).status_code == 200
    assert client.get(job.get_absolute_url(), **BROWSER).status_code == 200  # backs off
    redis_counters.down_until = 0.0
