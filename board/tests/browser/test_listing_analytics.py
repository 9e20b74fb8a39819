"""Listing analytics end to end: a visitor and a seeker view a job, the seeker applies,
the counters are flushed, and the employer reads the numbers and charts, on a phone."""

import pytest

from board.tests import resume_files
from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome", which the counters rightly take for a robot:
# these contexts present themselves as the desktop and phone browsers people use.
DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
PHONE = {"width": 390, "height": 844}


def test_views_and_an_application_reach_the_employers_charts(open_page, live_server):
    from board.analytics.counters import buffer, flush_counts
    from board.tests.factories import JobFactory, MembershipFactory, SeekerFactory

    buffer.take()  # nothing counted by earlier tests in this process
    membership = MembershipFactory()
    owner = membership.user
    job = JobFactory(company=membership.company, title="Platform Engineer")

    visitor = open_page(user_agent=DESKTOP)
    visitor.goto(job.get_absolute_url())
    expect(visitor.get_by_role("link", name="Sign in to apply")).to_be_visible()

    seeker = open_page(user_agent=DESKTOP)
    sign_in(seeker, live_server, SeekerFactory())
    seeker.goto(job.get_absolute_url())
    seeker.get_by_label("Résumé").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": resume_files.pdf_bytes()}
    )
    seeker.get_by_role("button", name="Send application").click()
    expect(seeker.locator("#apply-panel")).to_contain_text("Applied on")

    robot = open_page()  # HeadlessChrome: not counted
    robot.goto(job.get_absolute_url())

    flush_counts()  # what the periodic task does

    employer = open_page(user_agent=DESKTOP, viewport=PHONE, is_mobile=True)
    sign_in(employer, live_server, owner)
    employer.goto(job.get_absolute_url())  # the job's own team: not counted either
    employer.goto("/employer/")
    employer.get_by_role("link", name="Last 30 days of “Platform Engineer”").click()
    expect(employer.get_by_role("heading", name="Analytics: Platform Engineer")).to_be_visible()
    totals = employer.locator("#analytics-totals")
    expect(totals.locator("[data-total=views]")).to_have_text("2")
    expect(totals.locator("[data-total=apply_starts]")).to_have_text("1")
    expect(totals.locator("[data-total=applications]")).to_have_text("1")
    expect(totals.locator("[data-total=conversion]")).to_have_text("50.0 %")

    chart = employer.get_by_role("img", name="Views per day, last 30 days")
    expect(chart).to_be_visible()
    assert chart.locator("rect[data-value='2']").count() == 1
    width = chart.bounding_box()["width"]
    assert 300 < width <= PHONE["width"]  # scaled to the phone, not 600 px wide
    overflow = employer.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
