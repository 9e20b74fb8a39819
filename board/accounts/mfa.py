"""Two-factor sign-in: the rules the site, the admin and the API share.

allauth.mfa does the work (TOTP, passkeys, recovery codes, the sign-in step that asks
for them). What it has no switch for is *requiring* a second factor, so this module
holds our two requirements:

* staff reach the Django admin only with a second factor set up and used in this
  session (`StaffSecondFactorMiddleware`, one place for every admin URL);
* the API's token endpoint asks accounts that have a second factor for a code
  (`check_code`, called by board/api/serializers.py), validated by allauth's own form,
  so a TOTP code cannot be replayed, a recovery code works once, and failures count in
  the same per-account lockout as the site's two-factor step.
"""

import logging
from functools import cache

from allauth.account.authentication import get_authentication_records
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger(__name__)

# The factors that sign a person in; recovery codes only stand in for them.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

SET_UP_FOR_ADMIN = gettext_noop(
    "The admin needs two-factor sign-in: add an authenticator app or a passkey, "
    "then open the admin again."
)
CONFIRM_FOR_ADMIN = gettext_noop("The admin needs your second factor: confirm it to continue.")


def has_second_factor(user):
    return user.is_authenticated and is_mfa_enabled(user, SECOND_FACTORS)


def used_second_factor(request):
    """Whether this session's sign-in (or a later confirmation) included a second
    factor: allauth records each method used in the session, "mfa" for a TOTP code, a
    recovery code or a passkey, passkey sign-in included."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


# The API


class CodeRefused(Exception):
    """`code` is "otp_required", "otp_invalid" or "too_many_login_attempts"."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check_code(user, code):
    """Accept `code` (a TOTP code or an unused recovery code) as `user`'s second factor,
    or raise CodeRefused. Does nothing for an account without a second factor.

    allauth's AuthenticateForm does the checking: TOTP codes are remembered for their
    period (in the shared cache) so they cannot be replayed, a recovery code is marked
    used under a row lock, and each wrong code counts against allauth's "login_failed"
    limit for this account, the one the site's two-factor step counts against.
    The session is not touched: a token client has none worth recording in."""
    if not has_second_factor(user):
        return
    if not code:
        raise CodeRefused("otp_required")
    form = AuthenticateForm(user=user, data={"code": code})
    if not form.is_valid():
        refusal = form.errors.as_data()["code"][0].code
        logger.info("api sign-in: second factor refused for user %s (%s)", user.pk, refusal)
        raise CodeRefused(refusal if refusal == "too_many_login_attempts" else "otp_invalid")
    form.authenticator.record_usage()


# The admin


class StaffSecondFactorMiddleware:
    """Staff use the admin only after signing in with a second factor.

    A staff account without one is sent to set it up; one that has it but signed in
    without it (a session from before it was set up, or signed in some other way) is
    sent to confirm it. Either way no admin page, read or write, is served first.
    `STAFF_REQUIRE_MFA` exists only so the tests of other features can use the admin
    with `force_login`; production has no way to turn it off (settings.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_MFA and self._guards(request):
            refusal = admin_refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def _guards(request):
        # The path first: asking for the user loads the session, which every other
        # request (/healthz, public pages) must not pay for, nor vary on the cookie for.
        # Signing out of the admin is always allowed.
        admin, logout = admin_paths(get_script_prefix())
        if not request.path.startswith(admin) or request.path == logout:
            return False
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated and user.is_staff


@cache
def admin_paths(script_prefix):
    """The admin's address and its sign-out, reversed once (per script prefix): every
    request asks, and reversing twice was most of this middleware's cost on /healthz."""
    return reverse("admin:index"), reverse("admin:logout")


def admin_refusal(request):
    """The redirect that keeps a staff member out of the admin, or None to let them in."""
    if not has_second_factor(request.user):
        messages.warning(request, gettext(SET_UP_FOR_ADMIN))
        return redirect("mfa_index")
    if used_second_factor(request):
        return None
    messages.warning(request, gettext(CONFIRM_FOR_ADMIN))
    # A passkey-only account has no code to type: confirm with the passkey instead.
    has_totp = is_mfa_enabled(request.user, [Authenticator.Type.TOTP])
    confirm = reverse("mfa_reauthenticate" if has_totp else "mfa_reauthenticate_webauthn")
    next_url = (
        request.get_full_path() if request.method in ("GET", "HEAD") else reverse("admin:index")
    )
    return redirect(f"{confirm}?{urlencode({'next': next_url})}")
