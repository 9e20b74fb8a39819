"""The one rule that says whether an API token is still alive: it carries the security
stamp its user had when it was issued (User.security_stamp, which a new password and
"sign out everywhere" change). The API's authentication refuses a token that fails it
(board/api/authentication.py); the sessions page lists only tokens that pass it."""

from django.utils.crypto import constant_time_compare

STAMP_CLAIM = "stamp"


def is_current(token, user):
    """Was the token (its claims, a mapping) issued under the user's present stamp?
    Tokens from before stamps existed have none and pass until the user's first change."""
    return constant_time_compare(str(token.get(STAMP_CLAIM, "")), user.security_stamp)
