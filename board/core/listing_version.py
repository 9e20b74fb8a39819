import time

from django.conf import settings
from django.core.cache import cache

JOBS_VERSION_KEY = "jobs-version"


def listings_cacheable():
    # A per-process memory cache cannot hear about changes made in other
    # processes (other gunicorn workers, Celery, cron), so production caches
    # listings only in Redis. Locally one process serves everything.
    return bool(settings.REDIS_URL) or not settings.PRODUCTION


def jobs_version():
    return cache.get_or_set(JOBS_VERSION_KEY, _new_version, timeout=None)


def bump_jobs_version():
    """Make every cached listing stale. Run after the change has committed."""
    try:
        cache.incr(JOBS_VERSION_KEY)
    except ValueError:  # never read yet, evicted, or the cache is down
        cache.set(JOBS_VERSION_KEY, _new_version(), timeout=None)


def _new_version():
    # A clock reading rather than 1: if the number is lost (Redis restarted or
    # evicted it), a new start must not reuse a number old entries were stored under.
    return time.time_ns() // 1000
