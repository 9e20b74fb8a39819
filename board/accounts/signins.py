"""Where an account is signed in, and ending it: the "Sessions and devices" page, the
site's and the API's "sign out everywhere".

Sessions are allauth's UserSession rows (one per signed-in browser: IP address, user
agent, last activity; board/accounts/middleware.py keeps that current). API clients
hold simplejwt refresh tokens (OutstandingToken rows). A token is alive while it is
not blacklisted, not expired, and carries its user's present security stamp: the rule
of board/accounts/stamps.py, which the API's authentication applies too.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from hashlib import sha256

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenBackendError
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from board.accounts import devices, stamps
from board.accounts.device_models import KnownDevice

logger = logging.getLogger(__name__)

# A session whose row the middleware keeps current (board/accounts/middleware.py): set
# once, when allauth signs someone in or the sessions page records the session.
TRACKED_KEY = "_board_session_tracked"
# The row is written again once this long has passed (a cache entry of that lifetime
# says it was written recently).
ACTIVITY_INTERVAL = 300  # seconds


@dataclass
class SignedInSession:
    session: UserSession
    device: str
    is_current: bool

    @property
    def pk(self):
        return self.session.pk


def sessions_of(user):
    return UserSession.objects.filter(user=user)


def record_activity(request):
    """Write this session's row (created if missing): IP address, browser, last seen."""
    UserSession.objects.create_from_request(request)
    _written_recently(request)


def track(request):
    """From now on, keep this session's row current (allauth has just written it)."""
    request.session[TRACKED_KEY] = True
    _written_recently(request)


def activity_due(request):
    """Is this session's row tracked and not written for ACTIVITY_INTERVAL? Reads only
    the session and the cache: no query."""
    if not request.session.get(TRACKED_KEY):
        return False
    return cache.get(_written_key(request)) is None


def _written_recently(request):
    cache.set(_written_key(request), True, timeout=ACTIVITY_INTERVAL)


def _written_key(request):
    # A hash of the key: the session key itself is a credential.
    return "session-activity:" + sha256(request.session.session_key.encode()).hexdigest()


def active_sessions(request):
    """The signed-in user's live sessions, this one first, then the most recently active.
    Rows whose session ended (expired, signed out, a new password) are removed on the
    way; this session gets its row if it has none yet."""
    current_key = request.session.session_key
    rows = UserSession.objects.purge_and_list(request.user)
    if not any(row.session_key == current_key for row in rows):
        record_activity(request)
        request.session[TRACKED_KEY] = True
        rows = UserSession.objects.purge_and_list(request.user)
    listed = [
        SignedInSession(row, devices.describe(row.user_agent), row.session_key == current_key)
        for row in rows
    ]
    listed.sort(key=lambda each: (not each.is_current, -each.session.last_seen_at.timestamp()))
    return listed


def end_session(session):
    """End one session (the browser is signed out at its next request)."""
    logger.info("user %s ended session %s", session.user_id, session.pk)
    session.end()


def tokens_of(user):
    """The user's refresh tokens that are not blacklisted nor expired (the stamp is
    checked by active_tokens: it needs each token's claims)."""
    return OutstandingToken.objects.filter(
        user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    ).order_by("-created_at")


def active_tokens(user):
    return [token for token in tokens_of(user) if _is_alive(token, user)]


def _is_alive(token, user):
    try:
        # Our own rows, signed by us: the signature and expiry were checked when the
        # token was issued and by the query; only its claims are wanted here.
        claims = token_backend.decode(token.token, verify=False)
    except TokenBackendError:
        return False
    return stamps.is_current(claims, user)


def revoke_token(token):
    """Blacklist one refresh token: it can no longer be refreshed. Its access tokens
    die on their own within ACCESS_TOKEN_LIFETIME (5 minutes)."""
    BlacklistedToken.objects.get_or_create(token=token)
    logger.info("user %s revoked API token %s", token.user_id, token.pk)


def sign_out_everywhere(user, *, keep=None):
    """End every session and every API token of the user. `keep` is the request whose
    browser session stays signed in ("sign out all OTHER sessions"), or None.

    The new security stamp is what ends them all, sessions included (their stored
    hash no longer matches): also those that no UserSession row records. The rows are
    ended too, so the sessions page shows the truth at once.
    """
    keep_key = keep.session.session_key if keep is not None else None
    for session in sessions_of(user).exclude(session_key=keep_key or ""):
        session.end()
    user.sign_out_everywhere()
    if keep is not None:
        # The kept session gets the new hash, and with it a new key (Django cycles it).
        update_session_auth_hash(keep, user)
        sessions_of(user).filter(session_key=keep_key).update(session_key=keep.session.session_key)
    logger.info("user %s signed out everywhere (this session kept: %s)", user.pk, keep is not None)


def forget_ended_sessions(batch_size=1000):
    """Delete what signed-in sessions leave behind once they end (daily): expired sessions
    (Django's clearsessions), session records whose session is gone — they hold an IP
    address and a user agent — and known devices unused for
    RETENTION_INACTIVE_ACCOUNT_DAYS. In batches, so no statement holds many rows; safe
    to run twice or side by side. Returns the counts."""
    now = timezone.now()
    expired = Session.objects.filter(expire_date__lt=now)
    ended = UserSession.objects.exclude(session_key__in=Session.objects.values("session_key"))
    unused = KnownDevice.objects.filter(
        last_seen__lt=now - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS)
    )
    counts = {"sessions": 0, "records": 0, "devices": 0}
    for name, rows in [("sessions", expired), ("records", ended), ("devices", unused)]:
        while batch := list(rows.values_list("pk", flat=True)[:batch_size]):
            counts[name] += rows.model.objects.filter(pk__in=batch).delete()[0]
    logger.info("forgot ended sessions: %s", counts)
    return counts
