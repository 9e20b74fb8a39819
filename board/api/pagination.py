"""Pagination: cursors for lists in a stable order, page numbers where the order is a score.

The job list is a cursor list when sorted by date (the default): new jobs
arriving while a client pages never shift or repeat results. Sorted by
relevance or salary, the order is a computed score that a cursor cannot
point into, so those sorts page by number (`?page=2`).
"""

from rest_framework.pagination import CursorPagination, PageNumberPagination

PAGE_SIZE = 20


class OnePageExample:
    """The schema's list examples hold one item: a whole list, with no page to link to.

    DRF's own example links (http://api.example.org/accounts/...) would sit around
    our examples otherwise.
    """

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        properties["next"]["example"] = properties["previous"]["example"] = None
        if "count" in properties:
            properties["count"]["example"] = 1
        return paginated


class NewestFirstCursor(OnePageExample, CursorPagination):
    page_size = PAGE_SIZE
    ordering = ("-published_at", "-id")


class CreatedCursor(OnePageExample, CursorPagination):
    """Lists of one user's or one company's rows, newest first."""

    page_size = PAGE_SIZE
    ordering = ("-created", "-id")


class ScorePages(OnePageExample, PageNumberPagination):
    page_size = PAGE_SIZE


class NamePages(OnePageExample, PageNumberPagination):
    page_size = 50
