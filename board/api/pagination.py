"""Pagination: cursors for lists in a stable order, page numbers where the order is a score.

The job list is a cursor list when sorted by date (the default): new jobs
arriving while a client pages never shift or repeat results. Sorted by
relevance or salary, the order is a computed score that a cursor cannot
point into, so those sorts page by number (`?page=2`).
"""

from rest_framework.pagination import CursorPagination, PageNumberPagination

PAGE_SIZE = 20


class NewestFirstCursor(CursorPagination):
    page_size = PAGE_SIZE
    ordering = ("-published_at", "-id")


class CreatedCursor(CursorPagination):
    """Lists of one user's or one company's rows, newest first."""

    page_size = PAGE_SIZE
    ordering = ("-created", "-id")


class ScorePages(PageNumberPagination):
    page_size = PAGE_SIZE


class NamePages(PageNumberPagination):
    page_size = 50
