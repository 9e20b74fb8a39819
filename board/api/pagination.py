"""Pagination: cursors for lists in a stable order, page numbers where the order is a score.

The job list is a cursor list when sorted by date (the default): new jobs
arriving while a client pages never shift or repeat results. Sorted by
relevance or salary, the order is a computed score that a cursor cannot
point into, so those sorts page by number (`?page=2`).

Every page says how many items the whole list has: `count`, exact up to
settings.API_COUNT_CAP, and `count_exact`, false when there are more than that
(then `count` is the cap). GraphQL's totalCount/countExact follow the same rule
(board/listings/paging.py capped_count).
"""

from rest_framework.pagination import CursorPagination, PageNumberPagination

from board.listings.paging import capped_count

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
                "description": "Items in the whole list; exact up to a cap (10,000 by default).",
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

    def paginate_queryset(self, queryset, request, view=None):
        self.counted = capped_count(queryset)
        return super().paginate_queryset(queryset, request, view)


class CountedNumbers(CountedPages, PageNumberPagination):
    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        self.counted = capped_count(self.page.paginator.count)
        return page


class NewestFirstCursor(CountedCursor):
    ordering = ("-published_at", "-id")


class CreatedCursor(CountedCursor):
    """Lists of one user's or one company's rows, newest first."""

    ordering = ("-created", "-id")


class ScorePages(CountedNumbers):
    page_size = PAGE_SIZE


class NamePages(CountedNumbers):
    page_size = 50
