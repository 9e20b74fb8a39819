"""Pages of search results whose cost does not grow with the number of matches."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

from board.search.ranking import (
    broad_sample,
    capped_matches,
    estimates,
    is_search,
    search_slice,
    within_cap,
)


def ranked_page(jobs, number, per_page, rows=None, cap=None):
    """Page `number` of `jobs`, in their order; as Paginator.get_page(), with a capped count.

    A broad word matches tens of thousands of jobs; counting them all, or ranking
    them all to cut out a page, was most of a search's cost. So:

    * The total is counted no further than `cap` (settings.SEARCH_COUNT_CAP):
      beyond it the paginator's count is the cap and the page's `count_exact` is
      False ("1,000+ jobs"). Pages go no deeper than the cap, so no page costs an
      offset larger than it.
    * A keyword search ordered by rank ranks only its newest
      settings.SEARCH_RANKED_CANDIDATES matches; older matches follow them,
      newest first (board/search/engine.py rank_newest). With no more matches
      than that, the ranking is exact.
    * One query returns the page's ids with the capped total (a sub-select); a
      second fetches those jobs by primary key from `rows` (default: `jobs`),
      which can be a lighter queryset without the search's conditions and rank.
      On PostgreSQL the page is sorted from the matches counted (within_cap),
      and a list with more matches than the cap takes one more query for the
      page. A keyword search first asks the planner's estimates (an EXPLAIN);
      a broad one is then not counted but sampled: its newest matches, found
      among few enough of the newest jobs, show it has more than the cap
      (board/search/ranking.py search_slice, broad_sample).

    Past the last page it shows the last page, as Paginator.get_page() does.
    """
    cap = settings.SEARCH_COUNT_CAP if cap is None else cap
    paginator = Paginator(jobs, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = _last_page(capped_count(jobs.order_by(), cap)[0], per_page)
    number = min(number, _last_page(cap, per_page))
    ids, total = ([], 0) if jobs.query.is_empty() else _ids(jobs, number, per_page, cap)
    if not ids and number > 1:  # past the last page: show the last
        if not 0 < total <= cap:
            # Counted again only when the total is not known: SQLite's page query
            # counts nothing when the page is empty, and a broad search judged so by
            # a sample can have fewer matches than the sample showed, all among the
            # newest. Counted up to the cap (total <= cap), it is exact: counting a
            # search again as Django counts, "junior" at senior level at a million
            # jobs took 1.2-1.6 s (the planner's own plan, ranking every row).
            total = _count(jobs, cap)
        number = _last_page(min(total, cap), per_page)
        ids, _ = _ids(jobs, number, per_page, cap)
    paginator.count = min(total, cap)  # a cached_property: set, it is never queried
    if not ids:
        page = Page([], 1, paginator)
    else:
        fetch = jobs if rows is None else rows
        by_pk = fetch.in_bulk(ids)
        # A job can leave `rows` between the two queries (it just expired): skip it.
        page = Page([by_pk[pk] for pk in ids if pk in by_pk], number, paginator)
    page.count_exact = total <= cap
    return page


def _ids(jobs, number, per_page, cap):
    """(the page's ids, the total counted up to cap + 1)."""
    start, stop = (number - 1) * per_page, number * per_page
    if is_search(jobs):
        return search_slice(jobs, start, stop, cap, settings.SEARCH_RANKED_CANDIDATES)
    if connections[jobs.db].vendor == "postgresql":
        ids, total = within_cap(jobs, start, stop, cap)
        if total > cap:  # many matches: the page's order finds its rows soon
            ids = list(jobs.values_list("pk", flat=True)[start:stop])
        return ids, total
    total = capped_total(jobs, cap)
    found = list(jobs.annotate(total=total).values_list("pk", "total")[start:stop])
    return [pk for pk, _ in found], (found[0][1] if found else 0)


def _count(jobs, cap):
    """The number of `jobs` up to cap + 1; a search's through bitmaps of its indexes."""
    if is_search(jobs):
        return capped_matches(jobs, cap)[0]
    return jobs.order_by().values("pk")[: cap + 1].count()


def _last_page(total, per_page):
    return max(1, -(-total // per_page))


def capped_total(jobs, cap):
    """The number of `jobs` up to cap + 1, as an expression: a sub-select that
    stops at cap + 1 rows, computed once per query."""
    capped = jobs.order_by().values("pk")[: cap + 1]
    # Django's own SQL for the queryset, its values still separate parameters.
    sql, params = capped.query.sql_with_params()
    count = f"SELECT COUNT(*) FROM ({sql}) capped"  # noqa: S608
    return RawSQL(count, params, output_field=IntegerField())  # noqa: S611


def capped_count(rows, cap=None):
    """(count, exact) for a list's total: exact up to `cap` (settings.API_COUNT_CAP).

    `rows` is a queryset, counted no further than cap + 1 rows so a broad search
    never pays for counting every match, or a total already known (a paginator's,
    a window count). Beyond the cap the answer is (cap, False): "at least cap".
    """
    cap = settings.API_COUNT_CAP if cap is None else cap
    total = rows if isinstance(rows, int) else rows[: cap + 1].count()
    return (total, True) if total <= cap else (cap, False)


def counted_rows(rows, cap=None):
    """(rows, (count, exact)) for a list paged by a cursor or an offset: the
    count as capped_count() gives it, and the rows to page through.

    A broad PostgreSQL keyword search (board/search/ranking.py broad_sample)
    is not counted. One with no more matches than the cap comes back
    narrowed to their ids, read from the search index: its pages are then read
    from those rows, however its filters go with its words (see
    board/search/ranking.py within_cap).
    """
    cap = settings.API_COUNT_CAP if cap is None else cap
    if not is_search(rows):
        return rows, capped_count(rows.order_by().values("pk"), cap)
    size = settings.SEARCH_RANKED_CANDIDATES
    if broad_sample(rows, cap, size, estimates(rows)) is not None:
        return rows, (cap, False)  # a broad search: many matches, paged as they come
    total, ids = capped_matches(rows, cap)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows, capped_count(total, cap)
