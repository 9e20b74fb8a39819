"""The /graphql/ endpoint: strawberry's Django view with the site's rules on top.

Authentication: the site's session, or an `Authorization: Bearer <access token>`
from the API's JWT endpoints (the token wins: the session is then ignored).

CSRF: a request that acts with the session (a signed-in browser) must pass
Django's CSRF check on POST, like any form on the site. A request with no
session user carries no ambient authority, so anonymous POSTs (read-only
queries from curl or another site's scripts; mutations refuse them anyway)
and Bearer-token requests need no CSRF token. Mutations are refused over GET.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import AuthenticationFailed
from strawberry.django.context import StrawberryDjangoContext
from strawberry.django.views import GraphQLView

from board.api.authentication import JWTAuthentication

from .schema import debug_schema, schema

# GraphiQL (DEBUG only) is strawberry's page: an inline script and React and
# GraphiQL from unpkg.com. The site's policy would block it, so that page alone
# gets this one. It is never served when DEBUG is off.
GRAPHIQL_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https://unpkg.com; "
    "font-src 'self' data: https://unpkg.com; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def _csrf_failure(request):
    """Django's CSRF verdict for this request: None if it passes, else a 403 response."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def _unauthorized(message):
    response = JsonResponse({"errors": [{"message": message}]}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@dataclass
class Context(StrawberryDjangoContext):
    # Companies' open jobs that had to be loaded one company at a time
    # (board/graphql/types.py), kept for the rest of the request.
    open_jobs: dict = field(default_factory=dict)


@method_decorator(csrf_exempt, name="dispatch")  # checked in dispatch, see the module doc
class NexusGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        # Read per request, so tests can switch DEBUG; both schemas exist already.
        self.schema = debug_schema if settings.DEBUG else schema
        self.graphql_ide = "graphiql" if settings.DEBUG else None
        if request.headers.get("Authorization", "").startswith("Bearer "):
            try:
                authenticated = JWTAuthentication().authenticate(request)
            except AuthenticationFailed:
                return _unauthorized("Invalid or expired access token.")
            request.user = authenticated[0] if authenticated else AnonymousUser()
        elif request.user.is_authenticated:
            failure = _csrf_failure(request)
            if failure is not None:
                return failure
        response = super().dispatch(request, *args, **kwargs)
        # Answers can hold personal data (myApplications): never stored by a
        # cache (no-store, private).
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response

    def get_context(self, request, response):
        return Context(request=request, response=response)

    def render_graphql_ide(self, request):
        get_token(request)  # the CSRF cookie GraphiQL sends back for a signed-in user
        response = super().render_graphql_ide(request)
        response["Content-Security-Policy"] = GRAPHIQL_CSP
        return response


graphql_view = NexusGraphQLView.as_view(schema=schema)
