"""Django's Redis cache, made to step aside when Redis is away.

With the plain `RedisCache`, every page that touches the cache answers 500 while
Redis restarts. Nothing we keep there is the only copy of anything (sessions
live in the database; cached listings are rebuilt from it), so this backend
behaves like Django's `DummyCache` while Redis cannot be reached: reads miss,
writes are dropped, `add()` reports success, `incr()` finds no key. Pages are
slower, not broken.

After a failure the process leaves Redis alone for `RETRY_AFTER` seconds, so a
page does not wait for a timeout on each of its cache calls, and it logs one
warning per `WARN_EVERY` seconds rather than one per call.

allauth's rate limits count in this cache, so while Redis is down they let
every request through (they fail open) instead of locking everybody out.

It also keeps one redis-py client per connection pool (ClientPerPool): Django
builds a new one for every call, which cost more CPU than the call itself.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 5.0
WARN_EVERY = 60.0

# Per process and per server list: Django makes one cache object per thread,
# and all of them should agree that Redis is down.
_down_until = {}
_last_warning = {}


class ClientPerPool(RedisCacheClient):
    """Django's Redis client wrapper, reusing its redis-py clients.

    Django makes a new `redis.Redis` for every cache call; its constructor alone
    was a tenth of a search page's CPU time with four cache calls. A redis-py
    client is a thread-safe front to its connection pool, so one per pool does.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientPerPool

    def _call(self, method, fallback, *args, **kwargs):
        servers = tuple(self._servers)
        if time.monotonic() < _down_until.get(servers, 0.0):
            return fallback()
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as exc:
            now = time.monotonic()
            _down_until[servers] = now + RETRY_AFTER
            if now - _last_warning.get(servers, -WARN_EVERY) >= WARN_EVERY:
                _last_warning[servers] = now
                logger.warning(
                    "cache unavailable, serving without it (%s: %s); retrying every %g s",
                    type(exc).__name__,
                    exc,
                    RETRY_AFTER,
                )
            return fallback()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, lambda: True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, lambda: _missing(key), key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def clear(self):
        return self._call(super().clear, lambda: False)


def _missing(key):
    # What every cache says when incr() finds no key: while Redis is down, none is found.
    raise ValueError(f"Key {key!r} not found.")
