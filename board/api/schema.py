"""Shared pieces of the OpenAPI description: responses with examples, success and errors.

Every operation shows an example of its success body (of its request body too)
and each error it can really return, with an example of that body;
board/tests/api/test_docs.py holds every operation to it. Error bodies are
DRF's: messages by field name for 400, `{"detail": ...}` for everything else.
The example values themselves are in board/api/examples.py.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from board.api.serializers import DetailErrorSerializer

# DRF's default parsers: a body may be JSON or a form, and the schema offers all three.
BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")


def ok(serializer, value, name="Example", description=""):
    """A success response and its example. For a list, one item: the page is added around it."""
    return OpenApiResponse(
        serializer, description=description, examples=[OpenApiExample(name, value=value)]
    )


def body(name, value, media_types=BODY_TYPES):
    """A request example, shown for each content type the operation accepts."""
    return [
        OpenApiExample(name, value=value, request_only=True, media_type=media_type)
        for media_type in media_types
    ]


def field_errors(value, name="Invalid fields"):
    """400, with an example of the messages the operation's own fields get."""
    return OpenApiResponse(
        {
            "type": "object",
            "description": "Each invalid field's name maps to a list of messages; a body "
            "that cannot be parsed at all gets one message in `detail`.",
            "additionalProperties": {
                "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
            },
        },
        description="Invalid input: a list of messages by field name (`non_field_errors` for "
        "the whole), or `detail` for a malformed body.",
        examples=[OpenApiExample(name, value=value)],
    )


def error(name, message, **extra):
    """An example of the other error bodies: `{"detail": ...}`."""
    return OpenApiExample(name, value={"detail": message, **extra})


def _detail(examples, description):
    return OpenApiResponse(DetailErrorSerializer, description=description, examples=list(examples))


def unauthorized(*examples, description="No token, or an expired or invalid one."):
    return _detail(examples, description)


def forbidden(*examples, description="Signed in, but not allowed to do this."):
    return _detail(examples, description)


def not_found(*examples, description="Missing, or not yours: both answer the same."):
    return _detail(examples, description)


def conflict(*examples, description="The workflow refuses this in the object's current state."):
    return _detail(examples, description)


def unavailable(*examples, description="A service we depend on is not answering: retry later."):
    return _detail(examples, description)


NO_TOKEN = error("No token", "Authentication credentials were not provided.")
EXPIRED_TOKEN = error(
    "Expired token",
    "Given token not valid for any token type",
    code="token_not_valid",
    messages=[
        {"token_class": "AccessToken", "token_type": "access", "message": "Token is expired"}
    ],
)
# A signed-in browser session (Swagger UI's "Try it out") must send its CSRF token to change
# anything; bearer tokens never need one.
NO_CSRF_TOKEN = error("Session without CSRF token", "CSRF Failed: CSRF token missing.")
NO_JOB = error("No such job", "No Job matches the given query.")
NO_APPLICATION = error("No such application", "No Application matches the given query.")
INVALID_CURSOR = error("Invalid cursor", "Invalid cursor")
INVALID_PAGE = error("Invalid page", "Invalid page.")

UNAUTHORIZED = unauthorized(NO_TOKEN, EXPIRED_TOKEN)
THROTTLED = _detail(
    [error("Throttled", "Request was throttled. Expected available in 42 seconds.")],
    "Too many requests (anonymous 60/min, signed in 300/min). The `Retry-After` header says "
    "how many seconds to wait.",
)
STALE_PAGE = not_found(INVALID_CURSOR, description="A cursor that is malformed or made up.")
CSRF_FAILED = forbidden(NO_CSRF_TOKEN, description="A browser session without its CSRF token.")

# Public reads need no token, but one that is sent is checked, never silently ignored.
PUBLIC = {
    401: unauthorized(EXPIRED_TOKEN, description="A token was sent, expired or invalid."),
    429: THROTTLED,
}
SIGNED_IN = {401: UNAUTHORIZED, 429: THROTTLED}
