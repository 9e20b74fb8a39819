"""An employer posts a job with a closing date, closes it and reopens it, in a real browser.

The company is verified, so the job is live at once: its dashboard card shows the
chosen end date, closing goes through the confirm page, and reopening asks for a
new closing date (the date picker refuses nothing the server would not: a past
date gets the server's message).
"""

from datetime import timedelta

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import sign_in_with_form  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lens Calibration Engineer"
DESCRIPTION = (
    "We build the optics of research telescopes and need someone to calibrate them.\n\n"
    "## What you'll do\n\n- Calibrate lenses\n- Write the tools that measure them\n\n"
    "Remote within Europe, with a team week in Porto each spring."
)


def _day(day):
    return f"{day.day} {day:%b %Y}"  # as the dashboard shows it: "6 Dec 2026"


def test_post_with_an_end_date_close_and_reopen(page):
    from django.utils import timezone

    from board.jobs.models import Job
    from board.tests.factories import (
        PASSWORD,
        CategoryFactory,
        CompanyFactory,
        EmployerFactory,
        MembershipFactory,
    )

    company = CompanyFactory(name="Lumen Optics", slug="lumen-optics", verified=True)
    employer = EmployerFactory(email="lead@lumen-optics.example.com")
    MembershipFactory(company=company, user=employer)
    CategoryFactory(name="Optics", slug="optics")
    today = timezone.localdate()
    ends_on, reopened_until = today + timedelta(days=20), today + timedelta(days=45)

    page.goto("/employer/jobs/new/")
    sign_in_with_form(page, employer.email, PASSWORD)
    expect(page.get_by_role("heading", name="Post a job")).to_be_visible()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Category").select_option(label="Optics")
    page.get_by_label("Workplace").select_option(label="Remote")
    page.get_by_label("Description").fill(DESCRIPTION)
    closing = page.get_by_label("Applications close on")
    expect(closing).to_have_attribute("type", "date")
    expect(closing).to_have_attribute("max", (today + timedelta(days=60)).isoformat())
    closing.fill(ends_on.isoformat())
    page.get_by_role("button", name="Save draft and preview").click()

    expect(page.get_by_text("Draft saved. Check the preview, then submit it.")).to_be_visible()
    page.get_by_role("button", name="Publish now").click()
    expect(
        page.get_by_text(f"“{TITLE}” is live until {ends_on.day} {ends_on:%B %Y}.")
    ).to_be_visible()
    card = page.get_by_role("article", name=TITLE)
    expect(card.get_by_text("expires " + _day(ends_on))).to_be_visible()

    # Close it (the confirm page says it can be reopened).
    card.get_by_role("button", name="Close (filled)").click()
    expect(page.get_by_text("You can reopen it later")).to_be_visible()
    page.get_by_role("button", name="Yes, close the job").click()
    expect(
        page.get_by_text(f"“{TITLE}” is closed and no longer takes applications.")
    ).to_be_visible()
    card = page.get_by_role("article", name=TITLE)
    expect(card.get_by_text("Closed", exact=True)).to_be_visible()

    # Reopen it: a past date is refused with the server's message, then a new date.
    card.get_by_role("button", name="Reopen").click()
    expect(page.get_by_role("heading", name=f"Reopen “{TITLE}”")).to_be_visible()
    closing = page.get_by_label("Applications close on")
    closing.fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Reopen the job").click()
    expect(page.get_by_text("The closing date cannot be in the past.")).to_be_visible()
    page.get_by_label("Applications close on").fill(reopened_until.isoformat())
    page.get_by_role("button", name="Reopen the job").click()
    until = f"{reopened_until.day} {reopened_until:%B %Y}"
    expect(page.get_by_text(f"“{TITLE}” is open again until {until}.")).to_be_visible()
    card = page.get_by_role("article", name=TITLE)
    expect(card.get_by_text("Published", exact=True)).to_be_visible()
    expect(card.get_by_text("expires " + _day(reopened_until))).to_be_visible()

    job = Job.objects.get(title=TITLE)
    assert (job.status, job.ends_on) == (Job.Status.PUBLISHED, reopened_until)
    # The public page is open again, with validThrough at the end of the new last day.
    page.goto(job.get_absolute_url())
    json_ld = page.locator('script[type="application/ld+json"]').text_content()
    assert f'"validThrough": "{(reopened_until + timedelta(days=1)).isoformat()}T00:00:00' in (
        json_ld
    )
