"""Shared pieces of the OpenAPI description: error responses and parameters."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from board.api.serializers import DetailErrorSerializer

FIELD_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "description": "Each invalid field's name maps to a list of messages; a body "
        "that cannot be parsed at all gets one message in `detail`.",
        "additionalProperties": {
            "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
        },
    },
    description="Invalid input: a list of messages by field name (`non_field_errors` for the "
    "whole), or `detail` for a malformed body.",
    examples=[
        OpenApiExample(
            "Field errors",
            value={"resume": ["This file is not a PDF or Word document."]},
            response_only=True,
        )
    ],
)


def _detail(description, example):
    return OpenApiResponse(
        DetailErrorSerializer,
        description=description,
        examples=[OpenApiExample(description, value={"detail": example}, response_only=True)],
    )


UNAUTHORIZED = _detail(
    "Not signed in, or the token is missing, expired or invalid.",
    "Authentication credentials were not provided.",
)
FORBIDDEN = _detail("Signed in with the wrong kind of account.", "Only job seeker accounts...")
NOT_FOUND = _detail("Missing, or not yours: both answer the same.", "No Job matches the query.")
CONFLICT = _detail(
    "The workflow refuses this in the object's current state.",
    "A closed job cannot do that.",
)
THROTTLED = _detail(
    "Too many requests (anonymous 60/min, signed in 300/min).",
    "Request was throttled. Expected available in 42 seconds.",
)

# Public reads answer 401 too, to a malformed or expired token (it is never ignored).
PUBLIC = {401: UNAUTHORIZED, 404: NOT_FOUND, 429: THROTTLED}
SIGNED_IN = {401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND, 429: THROTTLED}
WRITE = {400: FIELD_ERRORS, **SIGNED_IN}
ACTION = {409: CONFLICT, **SIGNED_IN}
NO_BODY = OpenApiTypes.NONE
