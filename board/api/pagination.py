"""Pagination: cursors for lists in a stable order, page numbers where the order is a score.

The job list is a cursor list when sorted by date (the default): new jobs
arriving while a client pages never shift or repeat results. Sorted by
relevance or salary, the order is a computed score that a cursor cannot
point into, so those sorts page by number (`?page=2`).

Every page says how many items the whole list has: `count`, exact up to a cap,
and `count_exact`, false when there are more than that (then `count` is the
cap). The cap is settings.API_COUNT_CAP, except for the job search: it counts
as the site's search does, up to settings.SEARCH_COUNT_CAP ("1,000+"), and
sorted by relevance or salary it pages as the site does too (ScorePages).
GraphQL's totalCount/countExact follow the same rules (board/listings/paging.py).
"""

from django.conf import settings
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination

from board.listings.paging import capped_count, counted_rows

PAGE_SIZE = 20


class CountedPages:
    """Adds `count` and `count_exact` to a page; its examples hold one item.

    The schema's list examples are a whole list of one item, with no page to
    link to: DRF's own example links (http://api.example.org/...) would sit
    around our examples otherwise.
    """

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        count, exact = self.counted
        # Page-number pages have a count of their own: this one replaces it.
        response.data = {"count": count, "count_exact": exact} | {
            key: value for key, value in response.data.items() if key != "count"
        }
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        properties["next"]["example"] = properties["previous"]["example"] = None
        paginated["required"] = sorted({*paginated.get("required", []), "count", "count_exact"})
        paginated["properties"] = {
            "count": {
                "type": "integer",
                "example": 1,
                "description": "Items in the whole list; exact up to a cap (1,000 for the "
                "job search, 10,000 for other lists).",
            },
            "count_exact": {
                "type": "boolean",
                "example": True,
                "description": "False when the list has more items than the cap: `count` is "
                "then the cap, a lower bound.",
            },
            **{name: value for name, value in properties.items() if name != "count"},
        }
        return paginated


class CountedCursor(CountedPages, CursorPagination):
    page_size = PAGE_SIZE
    count_cap = None  # settings.API_COUNT_CAP

    def paginate_queryset(self, queryset, request, view=None):
        # Counted as ids, unordered: with the list's order (and a search's rank)
        # the count sorted and ranked up to cap + 1 matches first, 1.3 s for
        # 10,001 at a million jobs instead of 0.2 s. A search with few matches
        # is paged through them (counted_rows).
        queryset, self.counted = counted_rows(queryset, self.count_cap)
        return super().paginate_queryset(queryset, request, view)


class CountedNumbers(CountedPages, PageNumberPagination):
    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        self.counted = capped_count(self.page.paginator.count)
        return page


class NewestFirstCursor(CountedCursor):
    """The job search newest first. Its count stops where the site's does
    (SEARCH_COUNT_CAP, "1,000+"), as with the other sorts: counting up to 10,001
    matches of a broad word cost 0.2 s at a million jobs, 1,001 cost 20 ms. The
    cursor still reaches every match."""

    ordering = ("-published_at", "-id")

    @property
    def count_cap(self):
        return settings.SEARCH_COUNT_CAP


class CreatedCursor(CountedCursor):
    """Lists of one user's or one company's rows, newest first."""

    ordering = ("-created", "-id")


class ScorePages(CountedPages, PageNumberPagination):
    """The job list sorted by relevance or salary: the site's result pages
    (JobSearch.page(), board/listings/paging.py ranked_page), numbered.

    A broad word matches tens of thousands of jobs. Django's Paginator counted
    every match and the query ranked (or sorted by pay) every match to cut out
    20: seconds at a million jobs. The site's pages count no further than
    settings.SEARCH_COUNT_CAP and go no deeper, and rank only the newest
    candidates of a broad search; these pages are the same, so `count` is exact
    up to that cap. A page past the last (counting the cap as the end) is 404,
    as DRF's page numbers are.
    """

    page_size = PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        # `queryset` is view.search.qs (SiteSearch): the search pages itself.
        self.request = request
        number = self.number(request)
        # ranked_page() shows the last page for any number past it: here that is
        # the client's mistake. Past the cap it needs no query to know.
        if number > -(-settings.SEARCH_COUNT_CAP // self.page_size):
            raise NotFound(self.invalid_page_message)
        self.page = view.search.page(number, self.page_size)
        if number and self.page.number != number:
            raise NotFound(self.invalid_page_message)
        self.counted = (self.page.paginator.count, self.page.count_exact)
        if self.page.paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def number(self, request):
        """The page number asked for, from 1; 0 for "last" (ranked_page's last page)."""
        asked = request.query_params.get(self.page_query_param) or "1"
        if asked in self.last_page_strings:
            return 0
        if not (asked.isascii() and asked.isdigit()) or int(asked) < 1:
            raise NotFound(self.invalid_page_message)
        return int(asked)


class NamePages(CountedNumbers):
    page_size = 50
