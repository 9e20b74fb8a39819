"""What the public pages cache, and how a change reaches them at once.

Cached, under keys that contain the "jobs version":

* the home page's category tiles with their open-job counts (for everyone);
* the category choices of the `/jobs/` search form (for everyone; the form's rendered
  filters are kept in each process, under a key of what they show: JobFilter). In
  production without Redis each process keeps the choices for a minute instead
  (category_choices());
* for anonymous visitors only: the home page's latest jobs and the results part of
  `/jobs/` (first `CACHED_PAGES` pages of any valid search). Signed-in visitors
  always get fresh HTML: their job cards show what they saved.

Never a whole page: pages carry a CSP nonce and a CSRF token of their own.

Invalidation is one number. `Job.save()`, `Company.save()` and `Category.save()`
call `bump_jobs_version()` once their transaction commits; every key above
contains the version, so the next request asks for new keys and renders from the
database. Old entries are never deleted: nobody asks for them again and they
expire after `LISTING_TTL`. That timeout is also the bound on staleness for what
no save() sees: a job passing its expiry time (the hourly expiry task then saves
it), and bulk `update()`/`delete()` calls (see the README).
"""

import hashlib
import time
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache

JOBS_VERSION_KEY = "jobs-version"
LISTING_TTL = 300  # seconds
CACHED_PAGES = {"1", "2", "3"}
# Production without Redis: each process's own copy of the category choices.
PROCESS_CHOICES_KEY = "category-choices:process"
PROCESS_CHOICES_TTL = 60  # seconds


class CategoryTile(NamedTuple):
    slug: str
    name: str
    open_jobs: int


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


def _cached(name, compute):
    if not listings_cacheable():
        return compute()
    return cache.get_or_set(f"{name}:{jobs_version()}", compute, LISTING_TTL)


def category_tiles():
    """The home page's tiles: active categories with how many open jobs each has."""
    from board.models import Category

    def count():
        rows = Category.objects.with_open_job_counts().values_list("slug", "name", "open_jobs")
        return [CategoryTile(*row) for row in rows]

    return _cached("category-tiles", count)


def category_choices(including=""):
    """(slug, name) of the active categories, for the search form.

    `including` is a slug someone searches by: a copy kept in this process that
    lacks it is reloaded (see below).
    """
    from board.models import Category

    def load():
        return list(Category.objects.filter(is_active=True).values_list("slug", "name"))

    if listings_cacheable():
        return _cached("category-choices", load)
    # Production without Redis: nothing tells this process of a change made in
    # another, but categories change a few times a year, by staff, and every full
    # search page shows them. So each process keeps them for a minute, and reloads
    # them at once for a slug it has not heard of (a category just added): only a
    # renamed or retired category can show its old state, for up to a minute.
    choices = cache.get(PROCESS_CHOICES_KEY)
    if choices is None or (including and including not in dict(choices)):
        choices = load()
        cache.set(PROCESS_CHOICES_KEY, choices, PROCESS_CHOICES_TTL)
    return choices


def _query_digest(request, leave_out=()):
    """The query string in one canonical form: pairs sorted, empty values dropped.

    Every parameter the page could echo (in links, `next=`) is part of it, so an
    entry never carries another visitor's parameters; only their order and
    empty values, which change nothing, are normalised away.
    """
    pairs = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in leave_out
        for value in values
        if value
    )
    return hashlib.sha256(urlencode(pairs).encode()).hexdigest()


def home_latest_key(request):
    """The `{% cache %}` key of the home page's latest jobs, or None to render them fresh."""
    if request.user.is_authenticated or not listings_cacheable():
        return None
    return f"{jobs_version()}:{_query_digest(request)}"


def search_results_key(request, job_filter):
    """The key of the rendered `/jobs/` results, or None when they must be rendered fresh.

    Anonymous visitors, valid searches and the first pages only: later pages
    are rare, and an invalid search shows the visitor's own errors.
    """
    if request.user.is_authenticated or not listings_cacheable():
        return None
    page = request.GET.get("page") or "1"
    if page not in CACHED_PAGES or not job_filter.is_valid():
        return None
    # htmx requests get the result count out of band inside the fragment.
    htmx = int(bool(request.htmx))
    return f"job-results:{jobs_version()}:{htmx}:{page}:{_query_digest(request, {'page'})}"
