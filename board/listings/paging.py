"""A page of relevance-ranked search results in two light queries instead of two heavy ones."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def ranked_page(jobs, number, per_page, rows=None):
    """Page `number` of `jobs`, which are ordered by rank; as Paginator.get_page().

    A ranked search has to rank every match before it can cut out a page, so the
    usual pair of queries (a COUNT, then the page) finds the matches twice, and
    the page query sorts whole rows joined to their company and category. Here
    one query ranks the matches and returns just the page's ids with the total
    (a window count); a second fetches those jobs by primary key from `rows`
    (default: `jobs`), which can be a lighter queryset without the search's
    conditions and rank. Past the last page it falls back to
    Paginator.get_page(), which counts and shows the last.
    """
    paginator = Paginator(jobs, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        return paginator.get_page(number)  # the last page, as Django answers it
    offset = (number - 1) * per_page
    found = list(ranked_ids(jobs)[offset : offset + per_page])
    if not found and number == 1:
        paginator.count = 0
        return Page([], 1, paginator)
    if not found:
        return paginator.get_page(number)
    paginator.count = found[0][1]  # a cached_property: set, it is never queried
    fetch = jobs if rows is None else rows
    by_pk = fetch.in_bulk([pk for pk, _ in found])
    # A job can leave `rows` between the two queries (it just expired): skip it.
    return Page([by_pk[pk] for pk, _ in found if pk in by_pk], number, paginator)


def ranked_ids(jobs):
    """(pk, total) of `jobs` in their order: the query that ranks, to be sliced."""
    return jobs.annotate(total=Window(Count("*"))).values_list("pk", "total")


def capped_count(rows, cap=None):
    """(count, exact) for a list's total: exact up to `cap` (settings.API_COUNT_CAP).

    `rows` is a queryset, counted no further than cap + 1 rows so a broad search
    never pays for counting every match, or a total already known (a paginator's,
    a window count). Beyond the cap the answer is (cap, False): "at least cap".
    """
    cap = settings.API_COUNT_CAP if cap is None else cap
    total = rows if isinstance(rows, int) else rows[: cap + 1].count()
    return (total, True) if total <= cap else (cap, False)
