"""site_config/cache.py: with Redis unreachable, the cache steps aside instead of failing pages.

A closed local port stands in for a dead Redis (connection refused at once); no server is
needed. board/tests/integration/test_redis.py stops a real one.
"""

import logging
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from site_config import cache as resilient
from site_config.cache import ResilientRedisCache

DEAD = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def _forget_outages():
    resilient._down_until.clear()
    resilient._last_warning.clear()
    yield
    resilient._down_until.clear()
    resilient._last_warning.clear()


@pytest.fixture
def dead_cache():
    return ResilientRedisCache(DEAD, {"OPTIONS": {"socket_connect_timeout": 0.25}})


def test_reads_miss_and_writes_are_dropped(dead_cache):
    assert dead_cache.get("k") is None
    assert dead_cache.get("k", "fallback") == "fallback"
    assert dead_cache.set("k", 1) is None
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.has_key("k") is False
    assert dead_cache.delete("k") is False
    assert dead_cache.touch("k") is False
    assert dead_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert dead_cache.delete_many(["a"]) is None
    assert dead_cache.clear() is False


def test_like_django_dummy_cache_add_succeeds_and_incr_finds_no_key(dead_cache):
    # allauth's rate limits take a lock with add(): True lets requests through (fail open).
    assert dead_cache.add("lock", True) is True
    with pytest.raises(ValueError):
        dead_cache.incr("counter")
    assert dead_cache.get_or_set("k", lambda: "computed") == "computed"


@pytest.mark.parametrize("error", [RedisConnectionError, RedisTimeoutError])
def test_one_failure_spares_redis_for_a_while_and_warns_once(dead_cache, error, caplog):
    with mock.patch.object(RedisCache, "get", side_effect=error("down")) as redis_get:
        with caplog.at_level(logging.WARNING, logger="site_config.cache"):
            for _ in range(50):
                assert dead_cache.get("k", "default") == "default"
        assert redis_get.call_count == 1  # no timeout paid again on every call
    assert [r.getMessage()[:17] for r in caplog.records] == ["cache unavailable"]


def test_tries_again_after_the_pause_and_warns_at_most_once_a_minute(dead_cache, caplog):
    clock = [1000.0]
    with (
        mock.patch.object(resilient.time, "monotonic", side_effect=lambda: clock[0]),
        mock.patch.object(RedisCache, "get", side_effect=RedisConnectionError) as redis_get,
        caplog.at_level(logging.WARNING, logger="site_config.cache"),
    ):
        dead_cache.get("k")
        clock[0] += resilient.RETRY_AFTER + 0.1
        dead_cache.get("k")
        assert redis_get.call_count == 2 and len(caplog.records) == 1
        clock[0] += resilient.WARN_EVERY
        dead_cache.get("k")
        assert redis_get.call_count == 3 and len(caplog.records) == 2


def test_other_redis_errors_are_not_hidden(dead_cache):
    from redis.exceptions import ResponseError

    with (
        mock.patch.object(RedisCache, "set", side_effect=ResponseError("OOM")),
        pytest.raises(ResponseError),
    ):
        dead_cache.set("k", 1)


def test_a_real_refused_connection_costs_little(dead_cache):
    import time

    started = time.perf_counter()
    for _ in range(20):
        dead_cache.get("k")
        dead_cache.set("k", 1)
    assert time.perf_counter() - started < 1.0


def test_one_redis_client_per_pool_serves_every_call():
    cache = ResilientRedisCache("redis://127.0.0.1:1/0", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # one server: one pool
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)
    other = ResilientRedisCache("redis://127.0.0.1:2/0", {})
    assert other._cache.get_client() is not client
