"""Delete my account, clicked through in a real browser: from the account page, a
wrong password, then the right one; signed out with the message. The last owner of
a company is sent to the team page instead."""

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import PASSWORD_LABEL, sign_in_with_form  # noqa: E402
from board.tests.browser.test_accessibility import serious_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_seeker_deletes_their_account(page):
    from board.accounts.models import User
    from board.applications.models import Application
    from board.tests.factories import PASSWORD, ApplicationFactory, SeekerFactory

    seeker = SeekerFactory(email="leaving@example.com", first_name="Ada")
    application = ApplicationFactory(applicant=seeker)

    page.goto("/accounts/email/")
    sign_in_with_form(page, seeker.email, PASSWORD)
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Delete my account", level=1)).to_be_visible()
    assert not (report := serious_violations(page)), report

    page.get_by_label(re.compile("current password", re.I)).fill("not-my-password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("That is not your current password.")).to_be_visible()
    assert not (report := serious_violations(page)), report
    assert User.objects.filter(pk=seeker.pk).exists()

    page.get_by_label(re.compile("current password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account was deleted.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("sign in", re.I)).first).to_be_visible()
    assert not User.objects.filter(pk=seeker.pk).exists()
    assert Application.objects.get(pk=application.pk).applicant is None


def test_the_last_owner_is_sent_to_the_team_page(page):
    from board.tests.factories import PASSWORD, MembershipFactory

    owner = MembershipFactory().user
    page.goto("/accounts/delete/")
    sign_in_with_form(page, owner.email, PASSWORD)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("You are the last owner of")
    expect(page.get_by_label(PASSWORD_LABEL)).to_have_count(0)
    alert.get_by_role("link", name="Go to your team page").click()
    expect(page.get_by_role("heading", name="Team", level=1)).to_be_visible()


def test_the_last_owner_closes_the_company_then_deletes_their_account(page):
    from board.accounts.models import User
    from board.companies.models import Company
    from board.jobs.models import Job
    from board.tests.factories import PASSWORD, JobFactory, MembershipFactory

    owner = MembershipFactory(company__name="Quillstone Labs").user
    company = owner.memberships.get().company
    live = JobFactory(company=company, title="Lens Grinder")

    page.goto("/accounts/delete/")
    sign_in_with_form(page, owner.email, PASSWORD)
    page.get_by_role("alert").get_by_role("link", name="Close the company").click()
    expect(page.get_by_role("heading", name="Close Quillstone Labs", level=1)).to_be_visible()
    assert not (report := serious_violations(page)), report

    confirm = page.get_by_label(re.compile("type the company's name", re.I))
    confirm.fill("Quillstone")
    page.get_by_role("button", name="Close Quillstone Labs").click()
    expect(page.get_by_role("alert")).to_contain_text("Type the company's name exactly")
    assert Company.objects.get(pk=company.pk).closed_at is None

    page.get_by_label(re.compile("type the company's name", re.I)).fill("Quillstone Labs")
    page.get_by_role("button", name="Close Quillstone Labs").click()
    expect(page.get_by_text("Quillstone Labs is closed: 1 job ended")).to_be_visible()
    assert Job.objects.get(pk=live.pk).status == Job.Status.CLOSED

    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label(re.compile("current password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account was deleted.")).to_be_visible()
    assert not User.objects.filter(pk=owner.pk).exists()
