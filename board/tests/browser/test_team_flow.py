"""Growing a team, clicked through in a real browser by the two people involved.

The owner invites a recruiter from the team page; the invitee opens the link from the
invitation e-mail, has no account yet, signs up as an employer, confirms the address from
the verification e-mail, accepts, and shows up on the team page of both.

Only a browser shows what this flow needs from the browser: Chromium sends an `Origin`
header with every POST, and a page whose referrer policy is `no-referrer` makes it
`Origin: null`, which Django's CSRF check refuses (403). Django's test client sends no
Origin at all, so the view tests in test_employer_team.py cannot see it.
"""

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import PASSWORD_LABEL, link_in_mail, sign_in_with_form  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPANY = "Harbour Freight Analytics"
OWNER_EMAIL = "owner@harbour-freight.example.com"
INVITEE_EMAIL = "grace.hopper@harbour-freight.example.com"
INVITEE_PASSWORD = "Compilers-all-the-way-down-7"


def owner_invites(page, owner):
    from board.tests.factories import PASSWORD

    page.goto("/employer/")
    sign_in_with_form(page, owner.email, PASSWORD)
    page.get_by_role("navigation", name="Employer pages").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Team", level=1)).to_be_visible()

    page.get_by_label("E-mail address of the person to invite").fill(INVITEE_EMAIL)
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_text(f"Invitation sent to {INVITEE_EMAIL}.")).to_be_visible()
    pending = page.get_by_role("region", name="Pending invitations")
    expect(pending.get_by_role("listitem")).to_contain_text(INVITEE_EMAIL)


def invitee_signs_up_from_the_invitation(page):
    accept_path = link_in_mail(INVITEE_EMAIL, "/employer/invitations/")
    page.goto(accept_path)
    # Signed out: the sign-in page, which remembers where to come back to.
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name=re.compile("sign up", re.I)).click()

    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    page.get_by_label("Email").fill(INVITEE_EMAIL)
    page.get_by_role("radio", name="hire").check()
    page.get_by_label(PASSWORD_LABEL).fill(INVITEE_PASSWORD)
    page.get_by_label("Password (again)").fill(INVITEE_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    # Mandatory verification, from the link in the verification e-mail.
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    page.goto(link_in_mail(INVITEE_EMAIL, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name=re.compile(re.escape(INVITEE_EMAIL)))).to_contain_text(
        "Employer"
    )
    return accept_path


def invitee_accepts(page, accept_path):
    # Back to the link in the invitation e-mail, now signed in and verified.
    response = page.goto(accept_path)
    expect(page.get_by_role("heading", name=f"Join {COMPANY} as recruiter")).to_be_visible()
    # The token in the URL never leaves for another site in a Referer...
    assert response.headers["referrer-policy"] == "same-origin"

    # ...and yet the form posts with a real Origin: "no-referrer" made it `Origin: null`,
    # and Django answered 403 "Origin checking failed - null does not match any trusted
    # origins".
    with page.expect_request(lambda r: r.method == "POST") as posted:
        page.get_by_role("button", name=f"Join {COMPANY}").click()
    origin = posted.value.header_value("origin")
    assert origin == page.evaluate("location.origin"), origin
    assert posted.value.response().status == 302

    expect(page.get_by_text(f"Welcome to {COMPANY}!")).to_be_visible()
    page.get_by_role("navigation", name="Employer pages").get_by_role("link", name="Team").click()
    members = page.get_by_role("region", name="Members")
    me = members.get_by_role("listitem").filter(has_text=INVITEE_EMAIL)
    expect(me).to_contain_text("Recruiter")
    expect(me).to_contain_text("(you)")
    expect(
        page.get_by_text("Only the company’s owner can invite or remove members.")
    ).to_be_visible()


def owner_sees_the_new_member(page):
    page.reload()
    members = page.get_by_role("region", name="Members")
    expect(members.get_by_role("listitem").filter(has_text=INVITEE_EMAIL)).to_contain_text(
        "Recruiter"
    )
    pending = page.get_by_role("region", name="Pending invitations")
    expect(pending).to_contain_text("None.")


def test_owner_invites_invitee_signs_up_verifies_and_joins(open_page):
    from board.companies.models import Membership
    from board.tests.factories import CompanyFactory, EmployerFactory, MembershipFactory

    company = CompanyFactory(name=COMPANY, slug="harbour-freight")
    owner = MembershipFactory(company=company, user=EmployerFactory(email=OWNER_EMAIL)).user

    owner_page = open_page()
    owner_invites(owner_page, owner)

    invitee_page = open_page()
    accept_path = invitee_signs_up_from_the_invitation(invitee_page)
    invitee_accepts(invitee_page, accept_path)

    owner_sees_the_new_member(owner_page)
    member = Membership.objects.get(user__email__iexact=INVITEE_EMAIL)
    assert (member.company, member.role) == (company, Membership.Role.RECRUITER)
