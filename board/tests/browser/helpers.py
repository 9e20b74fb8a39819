"""Steps that several browser flows take: signing in on allauth's form, following a mailed link;
what a French or Arabic page still shows in English."""

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


# Tell-tale strings of the site's chrome (the menu, the footer, the search forms): on a
# French or Arabic page, finding one of them means it was left in English. Each is looked
# for only as what it is (a link, a button) and as the whole name, so "Sign in to apply" or
# a job titled "Search Engineer" never counts.
CHROME_IN_ENGLISH = (
    ("link", "Find jobs"),  # the menu
    ("link", "Post a job"),  # the menu, signed out
    ("link", "Sign in"),  # the menu, signed out
    ("link", "Sign up"),  # the menu, signed out
    ("link", "My applications"),  # the menu, a seeker
    ("link", "Saved jobs"),  # the menu, a seeker
    ("button", "Sign out"),  # the menu, signed in
    ("link", "Privacy"),  # the footer
    ("link", "Accessibility"),  # the footer
    ("button", "Search"),  # the search form of /jobs/
    ("button", "Search jobs"),  # the search form of the home page
)


def visible_english(page, *more):
    """The tell-tale English strings `page` shows now: the chrome's, and `more`, pairs of
    (ARIA role, accessible name) a test adds for the part it checks.

    Hidden elements count: a phone's collapsed menu is read as soon as it is opened.
    """
    return [
        f'{role} "{getattr(name, "pattern", name)}"'  # a name may be a regular expression
        for role, name in (*CHROME_IN_ENGLISH, *more)
        if page.get_by_role(role, name=name, exact=True, include_hidden=True).count()
    ]
