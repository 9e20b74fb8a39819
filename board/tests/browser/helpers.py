"""Steps that several browser flows take: signing in on allauth's form, following a mailed link."""

import re

from django.core import mail
from playwright.sync_api import expect

# "Password", not "Password (again)"; required fields' labels end in an asterisk.
PASSWORD_LABEL = re.compile(r"^\s*Password[\s*]*$")


def sign_in_with_form(page, email, password):
    """Fill in the site's own sign-in page (allauth) that `page` shows."""
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    # exact: the page also has "Sign in with a passkey" (MFA_PASSKEY_LOGIN_ENABLED).
    page.get_by_role("button", name="Sign In", exact=True).click()


def link_in_mail(to, path_pattern):
    """The path of the link matching `path_pattern` in the last e-mail sent to `to`."""
    sent = [message for message in mail.outbox if to.lower() in map(str.lower, message.to)]
    assert sent, f"no e-mail to {to}; outbox: {[m.to for m in mail.outbox]}"
    match = re.search(rf"https?://[^/\s]+({path_pattern}\S*)", sent[-1].body)
    assert match, sent[-1].body
    return match.group(1)
