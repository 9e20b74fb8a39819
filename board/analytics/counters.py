"""Counting job page views and apply starts without a database write per view.

With Redis (REDIS_URL set), a view is one pipelined round trip: HINCRBY on the
day's hash (`analytics:<day>`, field `<job id>:v` or `<job id>:s`) and an EXPIRE,
so counters a flush never takes disappear after COUNTERS_TTL. The periodic task
(tasks.flush_listing_stats) takes each recent day's hash with HGETALL + DEL in
one MULTI/EXEC — two flushes at once cannot both read a counter — and adds the
counts to JobDailyStats (store.add_counts). If that write fails, the counts go
back into Redis.

Without Redis (the embedded default: a per-process memory cache, perhaps
several processes), each process keeps a buffer in memory and writes it as one
bulk upsert every ANALYTICS_BUFFER_EVENTS views or ANALYTICS_BUFFER_SECONDS
(checked when a view arrives), and at exit. The trade-off: a process that
crashes loses at most its buffer, and a quiet process holds its last counts
until the next view or its exit. A count that cannot be kept (Redis down) is
dropped: the page never fails or waits for analytics.
"""

import atexit
import logging
import threading
import time
from datetime import timedelta

import redis
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from board.analytics.store import add_counts
from board.analytics.visitors import counts_as_view

logger = logging.getLogger(__name__)

VIEW, APPLY_START = "v", "s"
FIELDS = (VIEW, APPLY_START)  # positions in a count: (views, apply_starts)
COUNTERS_TTL = 3 * 86400  # seconds; a flush runs every few minutes
FLUSH_DAYS = 3  # today and the two days before: every hash still alive
RETRY_AFTER = 5.0  # seconds without trying Redis after a failure


def record_view(request, job, *, apply_start=False):
    """Count a view of the job's page (and an apply start when its apply form was
    shown), unless the visitor is a robot, a prefetch, or the job's own team."""
    if not counts_as_view(request, job):
        return
    fields = (VIEW, APPLY_START) if apply_start else (VIEW,)
    day = timezone.localdate()
    if settings.REDIS_URL:
        redis_counters.add(job.pk, day, fields)
    else:
        buffer.add(job.pk, day, fields)


def flush_counts():
    """Move the counted views into JobDailyStats; returns the rows written.
    Safe to run twice and in several processes at once."""
    written = buffer.flush()
    if settings.REDIS_URL:
        written += redis_counters.flush(timezone.localdate())
    return written


class RedisCounters:
    def __init__(self):
        self._clients = {}
        self.down_until = 0.0

    def client(self):
        url = settings.REDIS_URL
        if url not in self._clients:
            self._clients[url] = redis.Redis.from_url(
                url, socket_connect_timeout=0.5, socket_timeout=0.5
            )
        return self._clients[url]

    @staticmethod
    def key(day):
        return f"analytics:{day.isoformat()}"

    def add(self, job_id, day, fields):
        if time.monotonic() < self.down_until:
            return
        key = self.key(day)
        try:
            pipe = self.client().pipeline(transaction=False)
            for field in fields:
                pipe.hincrby(key, f"{job_id}:{field}", 1)
            pipe.expire(key, COUNTERS_TTL)
            pipe.execute()
        except redis.RedisError as exc:
            self.down_until = time.monotonic() + RETRY_AFTER
            logger.warning(
                "analytics: Redis unavailable, views not counted (%s)", type(exc).__name__
            )

    def flush(self, today):
        written = 0
        for age in range(FLUSH_DAYS):
            day = today - timedelta(days=age)
            pipe = self.client().pipeline(transaction=True)  # MULTI … EXEC: read and delete at once
            pipe.hgetall(self.key(day))
            pipe.delete(self.key(day))
            raw, _ = pipe.execute()
            counts = parse_hash(raw, day)
            try:
                written += add_counts(counts)
            except DatabaseError:
                self.put_back(day, raw)
                raise
        return written

    def put_back(self, day, raw):
        pipe = self.client().pipeline(transaction=False)
        for field, value in raw.items():
            pipe.hincrby(self.key(day), field, int(value))
        pipe.expire(self.key(day), COUNTERS_TTL)
        pipe.execute()


def parse_hash(raw, day):
    """{b"12:v": b"3", b"12:s": b"1"} → {(12, day): [3, 1]}; fields we did not write are ignored."""
    counts = {}
    for field, value in raw.items():
        job_id, _, kind = field.decode().partition(":")
        if job_id.isdigit() and kind in FIELDS:
            counts.setdefault((int(job_id), day), [0, 0])[FIELDS.index(kind)] += int(value)
    return counts


class Buffer:
    """One process's counts not yet written; thread-safe (gthread workers)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}
        self._events = 0
        self._since = time.monotonic()

    def add(self, job_id, day, fields):
        with self._lock:
            count = self._counts.setdefault((job_id, day), [0, 0])
            for field in fields:
                count[FIELDS.index(field)] += 1
            self._events += 1
            due = (
                self._events >= settings.ANALYTICS_BUFFER_EVENTS
                or time.monotonic() - self._since >= settings.ANALYTICS_BUFFER_SECONDS
            )
        if due:
            self.flush()

    def take(self):
        with self._lock:
            counts, self._counts = self._counts, {}
            self._events, self._since = 0, time.monotonic()
        return counts

    def flush(self):
        counts = self.take()
        try:
            return add_counts(counts)
        except DatabaseError:
            # Kept for the next flush rather than lost; the page that triggered it goes on.
            logger.exception("analytics: could not write %d buffered counts", len(counts))
            with self._lock:
                for key, (views, starts) in counts.items():
                    count = self._counts.setdefault(key, [0, 0])
                    count[0] += views
                    count[1] += starts
            return 0


redis_counters = RedisCounters()
buffer = Buffer()


@atexit.register
def _flush_at_exit():
    try:
        buffer.flush()
    except Exception:
        logger.exception("analytics: buffered counts lost at exit")
