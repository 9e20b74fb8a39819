"""Two-factor helpers for tests, built on allauth's own TOTP and recovery-code code:
no TOTP arithmetic of ours."""

import time

from allauth.mfa import app_settings as mfa_settings
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

# A code is checked a moment after it is made (a browser submits it; a loaded CI
# machine takes a second or two), and TOTP_TOLERANCE is 0: a code made in the last
# seconds of its period was refused in the next one, and a browser test failed.
SECONDS_LEFT_AT_LEAST = 5


def code_for(secret):
    """The code an authenticator app shows for `secret`, made with at least
    SECONDS_LEFT_AT_LEAST seconds of its period left (waiting for the next period
    if needed): TOTP_TOLERANCE is 0, so only the current period's code is valid."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < SECONDS_LEFT_AT_LEAST:
        time.sleep(left + 0.1)
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
