"""Two-factor sign-in in a real browser, under the site's CSP (any violation or console
error fails the test, see conftest.py): an authenticator app set up and used to sign in;
a passkey added and used to sign in, with Chromium's virtual authenticator (WebAuthn
needs a secure context: the live server is reached as http://localhost)."""

import re

import pytest
from allauth.mfa.models import Authenticator

from board.tests.accounts.two_factor import code_for
from board.tests.browser.helpers import PASSWORD_LABEL, sign_in_with_form
from board.tests.browser.test_accessibility import serious_violations
from board.tests.factories import PASSWORD, SeekerFactory, StaffFactory

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def confirm_password(page):
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def open_two_factor_page(page):
    page.goto("/accounts/email/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()


def test_an_authenticator_app_set_up_and_used_to_sign_in(page, live_server):
    user = SeekerFactory()
    page.goto("/accounts/login/")
    sign_in_with_form(page, user.email, PASSWORD)
    open_two_factor_page(page)
    assert serious_violations(page) == ""
    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password(page)
    expect(page.get_by_role("img")).to_have_attribute("src", re.compile("^data:image/svg"))
    assert serious_violations(page) == ""
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text(re.compile("Recovery Codes", re.I)).first).to_be_visible()
    assert Authenticator.objects.filter(user=user, type="totp").exists()

    sign_out(page)
    page.goto("/accounts/login/")
    sign_in_with_form(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert serious_violations(page) == ""
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("link", name=re.compile(re.escape(user.email)))).to_be_visible()


@pytest.fixture
def authenticator(page):
    """A virtual passkey authenticator in this page's browser (Chrome DevTools Protocol):
    a platform authenticator that keeps passkeys and verifies the user, like a phone with
    a fingerprint reader. It answers WebAuthn's prompts without a human."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def test_a_passkey_added_and_used_to_sign_in(page, live_server, authenticator):
    assert live_server.url.startswith("http://localhost:")  # WebAuthn's RP ID is the host
    cdp, authenticator_id = authenticator
    user = SeekerFactory()
    page.goto("/accounts/login/")
    sign_in_with_form(page, user.email, PASSWORD)
    open_two_factor_page(page)
    page.get_by_role("link", name="Add a passkey").click()
    confirm_password(page)
    page.get_by_label("Name").fill("My laptop")
    page.get_by_label("Passwordless").check()  # a passkey: it signs in on its own
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text(re.compile("Recovery Codes", re.I)).first).to_be_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(credentials["credentials"]) == 1
    assert credentials["credentials"][0]["isResidentCredential"]
    assert Authenticator.objects.filter(user=user, type="webauthn").count() == 1

    sign_out(page)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("link", name=re.compile(re.escape(user.email)))).to_be_visible()
    passkey = Authenticator.objects.get(user=user, type="webauthn")
    assert passkey.last_used_at is not None


def test_staff_with_a_passkey_sign_in_with_it_and_use_the_admin(
    page, live_server, authenticator, settings
):
    settings.STAFF_REQUIRE_MFA = True
    staff = StaffFactory()
    page.goto("/accounts/login/")
    sign_in_with_form(page, staff.email, PASSWORD)
    page.goto("/admin/")
    # No second factor yet: sent to set one up.
    expect(page.get_by_text("The admin needs two-factor sign-in").first).to_be_visible()
    page.get_by_role("link", name="Add a passkey").click()
    confirm_password(page)
    page.get_by_label("Name").fill("Office key")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text(re.compile("Recovery Codes", re.I)).first).to_be_visible()
    # This session was opened with the password alone: the admin asks for the passkey.
    page.goto("/admin/")
    expect(page.get_by_text("The admin needs your second factor")).to_be_visible()
    page.get_by_role("button", name=re.compile("Use", re.I)).first.click()
    expect(page.get_by_role("heading", name=re.compile("Site administration"))).to_be_visible()
    assert page.url.endswith("/admin/")


def test_employers_are_asked_until_they_set_it_up(page, live_server):
    from board.tests.factories import MembershipFactory

    employer = MembershipFactory().user
    page.goto("/accounts/login/")
    sign_in_with_form(page, employer.email, PASSWORD)
    page.goto("/employer/")
    notice = page.get_by_role("region", name=re.compile("two-factor sign-in"))
    expect(notice).to_be_visible()
    assert serious_violations(page) == ""
    notice.get_by_role("button", name="Not now").click()  # htmx: the notice goes away
    expect(notice).to_have_count(0)
    page.reload()
    expect(notice).to_have_count(0)  # for this session
    sign_out(page)
    page.goto("/accounts/login/")
    sign_in_with_form(page, employer.email, PASSWORD)
    page.goto("/employer/")
    expect(notice).to_be_visible()  # and back at the next sign-in
    notice.get_by_role("link", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
