"""How API clients sign in, and how their tokens die.

Signing in goes through allauth's adapter, as the site's login form and the
admin's (routed to it) do: the same `ACCOUNT_RATE_LIMITS` — "login" per IP
address, "login_failed" per IP address and per account — counted in the same
cache entries, so failures anywhere lock the account everywhere. A locked
account gets 429 with Retry-After, even with the right password.

Every token carries the user's security stamp (board/accounts/models.py), which
changes with the password and on "sign out everywhere"; a token whose stamp is
no longer the user's is refused, the access token at once (not when it
expires) and the refresh token at its next refresh.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from drf_spectacular.contrib.rest_framework_simplejwt import (
    SimpleJWTScheme,
    TokenRefreshSerializerExtension,
)
from rest_framework.exceptions import Throttled
from rest_framework_simplejwt import authentication, serializers
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from board.accounts.stamps import STAMP_CLAIM, is_current

REVOKED = "This token was revoked: the password changed or the account signed out everywhere."
LOCKED = "Too many failed sign-in attempts for this account or from this address. Try again later."
TOO_FAST = "Too many sign-in attempts from this address. Try again later."
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def longest_window(action):
    """Seconds in the longest period of allauth's rates for `action` ("10/m/ip,5/5m/key"
    → 300): the most a client must wait before an attempt is counted again."""
    rates = allauth_settings.RATE_LIMITS.get(action) or ""
    seconds = [60]
    for rate in filter(None, (part.strip() for part in rates.split(","))):
        period = rate.split("/")[1]
        seconds.append(int(float(period[:-1] or 1) * DURATION_UNITS[period[-1]]))
    return max(seconds)


def authenticate_with_lockout(request, email, password):
    """The user these credentials belong to, or None; Throttled (429) when the
    address or the account has used up its attempts."""
    if not ratelimit.consume(request, action="login"):
        raise Throttled(wait=longest_window("login"), detail=TOO_FAST)
    try:
        # Counts the attempt against "login_failed" before checking the password
        # and takes it back if the password was right, like the site's form.
        return get_adapter(request).authenticate(request, email=email, password=password)
    except ValidationError as error:
        if error.code == "too_many_login_attempts":
            raise Throttled(wait=longest_window("login_failed"), detail=LOCKED) from None
        raise


class StampedRefreshToken(RefreshToken):
    """A refresh token with the user's stamp; its access tokens copy the claim."""

    @classmethod
    def for_user(cls, user):
        token = super().for_user(user)
        token[STAMP_CLAIM] = user.security_stamp
        # simplejwt stored the token before the claim was added: store it as issued, so
        # the sessions page can tell a live token by the same rule (board/accounts/signins.py).
        OutstandingToken.objects.filter(jti=token[api_settings.JTI_CLAIM]).update(token=str(token))
        return token


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's bearer authentication, refusing revoked tokens (no extra query:
    the stamp is on the user row it loads anyway)."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        if not is_current(validated_token, user):
            raise InvalidToken(REVOKED)
        return user


class TokenRefreshSerializer(serializers.TokenRefreshSerializer):
    """Refresh with rotation, refusing revoked refresh tokens and deleted users."""

    token_class = StampedRefreshToken

    def validate(self, attrs):
        refresh = self.token_class(attrs["refresh"])
        user_id = refresh.get(api_settings.USER_ID_CLAIM)
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        if user is None or not is_current(refresh, user):
            raise InvalidToken(REVOKED)
        return super().validate(attrs)


# drf-spectacular documents simplejwt's own classes, not subclasses: the same for ours.
class JWTScheme(SimpleJWTScheme):
    target_class = JWTAuthentication


class TokenRefreshSchema(TokenRefreshSerializerExtension):
    target_class = TokenRefreshSerializer
