"""Issue 16 in a real browser, for what the other flows do not click through: a
moderator finds a waiting job by the admin's badge and approves it from the rendered
preview; the response badge, computed from a pipeline's events, on the company page
and on the job cards."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.test_flows import admin_signs_in  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_approves_a_waiting_job_from_its_preview(page):
    from board.jobs.models import Job
    from board.tests.factories import JobFactory, MembershipFactory, StaffFactory

    owner = MembershipFactory(company__name="Kestrel Robotics", user__email="kim@example.com").user
    job = JobFactory(
        title="Firmware Engineer",
        company=owner.memberships.get().company,
        posted_by=owner,
        description="Write **firmware** for our arms.",
        pending=True,
    )
    admin_signs_in(page, StaffFactory(email="mod@example.com"))

    page.get_by_role("link", name="1 job to review").click()
    page.get_by_role("link", name="Firmware Engineer").click()
    page.get_by_role("link", name="See the job as job seekers will see it").click()
    expect(page.get_by_role("heading", name="Moderator preview: pending review")).to_be_visible()
    expect(page.get_by_role("heading", name="Firmware Engineer", level=1)).to_be_visible()
    expect(page.locator("strong", has_text="firmware")).to_be_visible()  # Markdown rendered

    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("approved")).to_be_visible()
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert any("kim@example.com" in message.to for message in mail.outbox)
    page.goto("/admin/")
    expect(page.get_by_role("link", name="1 job to review")).to_have_count(0)


def test_the_response_badge_on_the_company_page_and_the_job_cards(page):
    from board.applications.models import Application, ApplicationEvent
    from board.applications.responsiveness import refresh_response_badges
    from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

    recruiter = MembershipFactory(company__name="Quick Hire Ltd", company__slug="quick-hire").user
    job = JobFactory(company=recruiter.memberships.get().company, title="Data Analyst")
    applications = ApplicationFactory.create_batch(10, job=job)
    for application in applications[:8]:  # 8 of 10 answered, each the day it came
        application.move_to(Application.Status.REVIEWING, by=recruiter)
    ten_days_ago = timezone.now() - timedelta(days=10)
    Application.objects.filter(job=job).update(created=ten_days_ago)
    ApplicationEvent.objects.filter(application__job=job).update(
        created=ten_days_ago + timedelta(hours=5)
    )
    refresh_response_badges()

    page.goto("/companies/quick-hire/")
    badge = page.get_by_role("region", name="How this company responds")
    expect(badge).to_contain_text("Usually responds within 1 day")
    expect(badge).to_contain_text("Responds to 80 % of applicants")
    expect(badge).to_contain_text("the last 90 days")  # what it means

    page.goto("/jobs/")
    card = page.get_by_role("article").filter(has=page.get_by_role("heading", name="Data Analyst"))
    expect(card).to_contain_text("Usually responds within 1 day")
