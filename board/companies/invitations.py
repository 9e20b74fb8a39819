"""Signed, expiring invitation links.

The token carries the invitation's id, signed with SECRET_KEY and a salt of
its own, so it cannot be guessed or forged, nor reused as another kind of
token. The signature's timestamp makes the link expire; the Invitation row
makes it single-use (accepted_at) and revocable (the row is deleted).
"""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

SALT = "nexus.invitation"
MAX_AGE = timedelta(days=7)


class InvalidInvitationToken(Exception):
    """The link was tampered with, or it is older than MAX_AGE."""


def make_token(invitation):
    return signing.dumps(invitation.pk, salt=SALT)


def invitation_id_from_token(token):
    """The invitation id a token was made for; InvalidInvitationToken if forged or expired."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise InvalidInvitationToken from exc
    if not isinstance(value, int):
        raise InvalidInvitationToken
    return value


def is_expired(invitation, now=None):
    # The link is signed when the e-mail is built, which a retried delivery
    # may do days later: the invitation's own age counts too.
    return invitation.created < (now or timezone.now()) - MAX_AGE
