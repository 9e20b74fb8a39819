"""What the public pages cache under the "jobs version", and how a change reaches them at once.

Cached, under keys that contain the jobs version (board/core/listing_version.py):

* the home page's category tiles with their open-job counts, and the category
  choices of the `/jobs/` search form (for everyone);
* for anonymous visitors only: the home page's latest jobs (the bare page, without
  a query string: home_latest_key) and the results part of `/jobs/` (first
  `CACHED_PAGES` pages of any valid search, keyed on the search's cleaned values:
  cached_search). Signed-in visitors always get fresh HTML: their job cards show
  what they saved.

Never a whole page: pages carry a CSP nonce and a CSRF token of their own.

Invalidation is one number. `Job.save()`, `Company.save()` and `Category.save()`
call `bump_jobs_version()` once their transaction commits; every key above
contains the version, so the next request asks for new keys and renders from the
database. Old entries are never deleted: nobody asks for them again and they
expire after `LISTING_TTL`. That timeout is also the bound on staleness for what
no save() sees: a job passing its expiry time (the hourly expiry task then saves
it), and bulk `update()`/`delete()` calls (docs/operations.md, "Caching").

The version is only worth something if every process sees the same one: in
production that takes Redis (listings_cacheable()). Without it, none of this is
cached. Two fragments are cached in each process's memory in every deployment,
because their keys are made of what they show, not of the version: job cards'
text (board/listings/cards.py) and the search form's filters
(JobSearch.filter_fields_key in board/listings/search.py).
"""

import copy
import hashlib
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, QueryDict
from django.utils.translation import get_language

from board.core.listing_version import jobs_version, listings_cacheable
from board.jobs.models import Category

LISTING_TTL = 300  # seconds
CACHED_PAGES = {"1", "2", "3"}


class CategoryTile(NamedTuple):
    slug: str
    name: str
    open_jobs: int  # counted no further than settings.SEARCH_COUNT_CAP + 1

    @property
    def shown_jobs(self):
        """The count to print: the cap, past it ("1,000+": see more_jobs)."""
        return min(self.open_jobs, settings.SEARCH_COUNT_CAP)

    @property
    def more_jobs(self):
        return self.open_jobs > settings.SEARCH_COUNT_CAP


def _cached(name, compute):
    if not listings_cacheable():
        return compute()
    return cache.get_or_set(f"{name}:{jobs_version()}", compute, LISTING_TTL)


def category_tiles():
    """The home page's tiles: active categories with how many open jobs each has,
    counted up to the search's cap (as the results count: "1,000+ jobs")."""

    def count():
        counted = Category.objects.with_open_job_counts(cap=settings.SEARCH_COUNT_CAP)
        rows = counted.values_list("slug", "name", "open_jobs")
        return [CategoryTile(*row) for row in rows]

    return _cached("category-tiles", count)


def active_categories():
    """(slug, name, id) of the active categories, by name: the search form's
    category choices, and the id a search filters by (board/listings/search.py)."""

    def load():
        # Without Redis, every full search page asks this: as a fixed statement it
        # costs a tenth of what the ORM spends building and compiling the same query
        # each time (0.9 M instructions, 3 % of the page: docs/benchmarks.md).
        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT "slug", "name", "id" FROM "board_category" WHERE "is_active" '
                'ORDER BY "name"'
            )
            return cursor.fetchall()

    return _cached("active-categories", load)


def home_latest_key(request):
    """The `{% cache %}` key of the home page's latest jobs, or None to render them fresh.

    The cards read nothing from the query string, but their Save links come back to
    this exact URL (`next=`). So only the bare home page is cached: a shared entry must
    not carry one visitor's parameters (`?utm_source=...`) to the next.
    """
    if (
        request.user.is_authenticated
        or not listings_cacheable()
        or request.META.get("QUERY_STRING")
    ):
        return None
    # The cards' text is in the page's language (docs/i18n.md).
    return f"{get_language()}:{jobs_version()}"


class CachedSearch(NamedTuple):
    """A search whose results are cached (cached_search): the key, and what it is of."""

    key: str
    page: str
    search: object  # the visitor's JobSearch
    request: HttpRequest  # the visitor's request

    def canonical(self):
        """(JobSearch, request) of the same search written as a clean query string,
        to render the entry from; None if the query string cannot carry its values."""
        values = self.search.form.cleaned_data
        query = canonical_query(values)
        search = type(self.search)(query, queryset=self.search.queryset, rows=self.search.rows)
        # Read back, the query must be the same search, or the entry would not be.
        if not search.is_valid() or _normalised(search.form.cleaned_data) != _normalised(values):
            return None
        if self.page != "1":
            query = query.copy()
            query["page"] = self.page
        return search, _with_query(self.request, query)


def cached_search(request, search):
    """How to cache the `/jobs/` results of this request, or None to render them fresh.

    Anonymous visitors, valid searches and the first pages only: later pages are
    rare, and an invalid search shows the visitor's own errors.

    The key is made of the values the search uses (the form's cleaned data), never
    of the query string: `?q=python&q=` searches for nothing (the last value counts)
    and must not share an entry with `?q=python`. A miss renders the results from
    the search written back as a clean query string (CachedSearch.canonical), not
    from the visitor's own: their links (chips, pages, sign-in `next=`) then hold
    only what the key holds, never another visitor's extra parameters.
    """
    if request.user.is_authenticated or not listings_cacheable():
        return None
    page = request.GET.get("page") or "1"
    if page not in CACHED_PAGES or not search.is_valid():
        return None
    values = repr(_normalised(search.form.cleaned_data))
    digest = hashlib.sha256(values.encode()).hexdigest()
    # htmx requests get the result count out of band inside the fragment.
    htmx = int(bool(request.htmx))
    return CachedSearch(
        f"job-results:{get_language()}:{jobs_version()}:{htmx}:{page}:{digest}",
        page,
        search,
        request,
    )


def canonical_query(cleaned_data):
    """The search's cleaned values as a query string: sorted, no blanks, no repeats."""
    query = QueryDict(mutable=True)
    for name, value in _normalised(cleaned_data):
        if isinstance(value, tuple):
            query.setlist(name, list(value))
        elif value is True:
            query[name] = "on"  # what a ticked checkbox sends
        elif isinstance(value, Decimal):
            query[name] = format(value, "f")
        else:
            query[name] = str(value)
    return query


def _normalised(cleaned_data):
    """(name, value) of the fields in use, in one form for every way of writing them."""
    fields = []
    for name, value in cleaned_data.items():
        if value is None or value is False or value in ("", []):
            continue  # a field left blank (0 is a value: salary_min=0 filters)
        if isinstance(value, list):  # a multiple choice: order and repeats change nothing
            value = tuple(sorted(set(value)))
        elif isinstance(value, Decimal):
            value = value.normalize()  # 5e4, 50000.0 and 50000 are one amount
        fields.append((name, value))
    return tuple(sorted(fields))


def _with_query(request, query):
    """A copy of `request` whose query string is `query`: what links are built from."""
    clone = copy.copy(request)
    clone.GET = query
    clone.META = {**request.META, "QUERY_STRING": query.urlencode()}
    return clone
