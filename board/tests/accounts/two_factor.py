"""Two-factor helpers for tests, built on allauth's own TOTP and recovery-code code:
no TOTP arithmetic of ours."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt


def code_for(secret):
    """The code an authenticator app shows now for `secret` (TOTP_TOLERANCE is 0: the
    current period's only)."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def enable_totp(user):
    """Give `user` an authenticator app and recovery codes, as setting them up would;
    returns the app's secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def current_code(user):
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return code_for(decrypt(totp.data["secret"]))


def recovery_codes(user):
    """The user's unused recovery codes."""
    rc = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return rc.wrap().get_unused_codes()
