"""Issue 16 in a real browser: an employer ticks two applicants, rejects them with a
template message and a shared reason; each seeker sees the message and the reason on
their application page. The watcher in conftest.py fails the test on any console error
or CSP violation."""

import pytest
from django.conf import settings as django_settings

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page):
    """axe-core's serious and critical violations on the page now: "" when none."""
    from board.tests.browser.test_accessibility import serious_violations

    return serious_violations(page)


def sign_in(page, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_employer_rejects_two_with_a_template_and_the_seekers_see_why(open_page, live_server):
    from board.applications.models import Application
    from board.tests.factories import (
        ApplicationFactory,
        JobFactory,
        MembershipFactory,
        SeekerFactory,
    )

    owner = MembershipFactory().user
    job = JobFactory(company=owner.memberships.get().company, title="Lens Engineer")
    sam, kim, lou = (
        SeekerFactory(first_name=first, last_name="Doe") for first in ("Sam", "Kim", "Lou")
    )
    applications = {
        seeker.first_name: ApplicationFactory(job=job, applicant=seeker)
        for seeker in (sam, kim, lou)
    }

    employer_page = open_page()
    sign_in(employer_page, live_server, owner)
    employer_page.goto(f"/employer/jobs/{job.pk}/applicants/")
    assert not (report := accessible(employer_page)), report
    employer_page.get_by_label("Select Sam Doe").check()
    employer_page.get_by_label("Select Kim Doe").check()
    employer_page.get_by_label("Move the selected to").select_option("rejected")
    employer_page.get_by_role("button", name="Apply to selected").click()

    expect(employer_page.get_by_role("heading", name="Reject 2 applicants")).to_be_visible()
    employer_page.get_by_label("Reason for the rejection").select_option("filled")
    employer_page.get_by_label("More about the reason").fill("We promoted someone inside.")
    employer_page.get_by_label("Show the reason to the applicants").check()
    employer_page.get_by_label("Start from a template").select_option(
        label="Rejection: Not selected"
    )
    employer_page.get_by_role("button", name="Use this template").click()
    body = employer_page.get_by_label("Message (optional)")
    expect(body).to_contain_text("Thank you for applying for {job_title}")
    # Checked once the panel shows the answer (its buttons are disabled while it loads).
    assert not (report := accessible(employer_page)), report
    assert "{applicant_name}" in body.input_value()
    body.fill(body.input_value() + "\n\nPS: we keep your CV on file.")
    employer_page.get_by_role("button", name="Reject 2 applicants").click()

    expect(employer_page.get_by_role("heading", name="2 moved, 0 not moved")).to_be_visible()
    statuses = {name: Application.objects.get(pk=a.pk).status for name, a in applications.items()}
    assert statuses == {"Sam": "rejected", "Kim": "rejected", "Lou": "submitted"}

    seeker_page = open_page()
    sign_in(seeker_page, live_server, sam)
    seeker_page.goto(f"/me/applications/{applications['Sam'].pk}/")
    timeline = seeker_page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Message: Your application for Lens Engineer")
    expect(timeline).to_contain_text("Dear Sam Doe,")
    expect(timeline).to_contain_text("PS: we keep your CV on file.")
    expect(timeline).to_contain_text(
        "Reason: The position has been filled: We promoted someone inside."
    )
    assert not (report := accessible(seeker_page)), report


def test_a_bulk_move_reports_above_the_list_which_reloads_with_its_filter(open_page, live_server):
    from board.tests.factories import (
        ApplicationFactory,
        JobFactory,
        MembershipFactory,
        SeekerFactory,
    )

    owner = MembershipFactory().user
    job = JobFactory(company=owner.memberships.get().company, title="Lens Engineer")
    for first in ("Sam", "Kim", "Lou"):
        ApplicationFactory(job=job, applicant=SeekerFactory(first_name=first, last_name="Doe"))

    page = open_page()
    sign_in(page, live_server, owner)
    listing = f"/employer/jobs/{job.pk}/applicants/?status=submitted"
    page.goto(listing)
    page.get_by_label("Select Sam Doe").check()
    page.get_by_label("Select Kim Doe").check()
    page.get_by_label("Move the selected to").select_option("reviewing")
    page.get_by_role("button", name="Apply to selected").click()

    expect(page.get_by_role("heading", name="2 moved, 0 not moved")).to_be_visible()
    # Still the list, filtered as before: only Lou is still submitted.
    expect(page.get_by_role("heading", name="1 applicant", exact=True)).to_be_visible()
    expect(page.get_by_label("Select Lou Doe")).to_be_visible()
    expect(page.get_by_label("Select Sam Doe")).to_have_count(0)
    assert page.url == live_server.url + listing
    assert not (report := accessible(page)), report
