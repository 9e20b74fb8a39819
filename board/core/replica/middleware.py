"""Marks the requests whose reads may come from the replica, and keeps a user who has
just written on the primary for REPLICA_STICKY_SECONDS (read your own writes).

Last in MIDDLEWARE, so only the view runs with the replica: the session and the user
are loaded from the primary before it (process_view), and what outer middleware writes
after it (the session, session activity) is on the primary as it always was.
"""

import time

from django.conf import settings
from django.db import InterfaceError, OperationalError

from board.core.replica import health, routing

# Pages anyone may see (board/web/urls.py), for every visitor: a signed-in one who has
# just saved or applied carries the sticky cookie, so sees their change.
PUBLIC_PAGES = frozenset(
    {
        "home",
        "job_list",
        "job_detail",
        "job_detail_short",
        "company_detail",
        "company_logo",
        "for_employers",
        "job_feed",
        "sitemap_index",
        "sitemap_section",
        "place_suggestions",
    }
)
# The APIs' public reads (board/api/urls.py PUBLIC_READS, and GraphQL queries), for
# anonymous callers only: a token client keeps no cookie, so nothing could keep its reads
# on the primary right after its own writes.
PUBLIC_API_READS = frozenset(
    {"api_jobs", "api_job", "api_companies", "api_company", "api_categories", "api_category"}
)
GRAPHQL = "graphql"

STICKY_COOKIE = "primary_until"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = routing.begin()
        try:
            response = self.get_response(request)
        finally:
            context = routing.end(token)
        if context.wrote and request.method not in SAFE_METHODS:
            # The cookie is not signed: forging it only sends one's own reads to the
            # primary, which is where they would go without a replica.
            seconds = settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE,
                str(int(time.time() + seconds)),
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _reads_public_data(request) and not _wrote_recently(request):
            routing.current().public = True

    def process_exception(self, request, exception):
        """The replica went away in the middle of a public read (it was up when the
        request began): answer from the primary instead of a 500. The view only read,
        so running it again is safe."""
        context = routing.current()
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if context is None or context.alias != routing.REPLICA or context.wrote:
            return None
        health.mark_down(exception)
        context.alias = routing.PRIMARY
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        return response.render() if hasattr(response, "render") else response


def _reads_public_data(request):
    name = request.resolver_match.url_name
    if name in PUBLIC_PAGES:
        if request.method not in SAFE_METHODS:
            return False
        # Loads the session and the user now, from the primary: who is asking is
        # never a copy a few seconds old (a sign-in that has not reached the replica).
        request.user.is_authenticated  # noqa: B018
        return True
    if name in PUBLIC_API_READS:
        return request.method in SAFE_METHODS and _anonymous(request)
    if name == GRAPHQL:
        return _anonymous(request) and _graphql_query(request)
    return False


def _anonymous(request):
    return "Authorization" not in request.headers and not request.user.is_authenticated


def _graphql_query(request):
    """A read-only GraphQL request: GET (mutations are refused over GET), or a JSON POST
    that names no mutation (a query mentioning the word just reads the primary)."""
    if request.method == "GET":
        return True
    if request.method != "POST" or request.content_type != "application/json":
        return False
    return b"mutation" not in request.body


def _wrote_recently(request):
    value = request.COOKIES.get(STICKY_COOKIE, "")
    return value.isdigit() and int(value) > time.time()
