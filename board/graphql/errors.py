"""Which GraphQL errors are the client's, and which are ours.

A client's mistake (a query that does not validate, too deep or too big, a bad
cursor or filter, a missing job, no permission) is answered with its message
and logged at INFO, one line without a traceback: anyone can send them, so at
ERROR they would bury real failures and could fill the log. Anything else is a
server error: logged at ERROR with its traceback, and answered "Unexpected
error." when DEBUG is off (its message can name tables or values).
"""

import logging

import strawberry
from django.core.exceptions import PermissionDenied
from graphql import GraphQLError
from strawberry.utils.logging import StrawberryLogger

logger = logging.getLogger(__name__)


class ClientError(Exception):
    """A mistake in the request; its message is shown to the client as it is.

    `extensions.code` names the refusal as the REST API's status does
    (BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404); `fields`, for invalid
    input, holds the messages by field, as REST's 400 body does.
    """

    def __init__(self, message, code="BAD_USER_INPUT", fields=None):
        super().__init__(message)
        self.extensions = {"code": code, **({"fields": fields} if fields else {})}


def is_client_error(error):
    original = error.original_error
    if original is None or isinstance(original, ClientError | PermissionDenied | GraphQLError):
        return True
    # A variable that does not parse (a malformed ID or date) fails before any
    # resolver runs, so its error has no path; a resolver's ValueError is ours.
    return error.path is None and isinstance(original, ValueError)


def is_unexpected(error):
    return not is_client_error(error)


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None):
        for error in errors:
            if is_client_error(error):
                # Where and what kind, not the message: it can echo what was sent.
                kind = type(error.original_error or error).__name__
                path = ".".join(map(str, error.path or [])) or "-"
                logger.info("GraphQL request refused: %s at %s", kind, path)
            else:
                StrawberryLogger.error(error, execution_context)
