"""The flows of docs/features.md, each clicked through once in a real browser, end to end.

Search, saving in place, applying, withdrawing, posting, approving and the applicant
pipeline have their own modules (test_search.py, test_seeker_journey.py,
test_employer_loop.py), growing a team test_team_flow.py. Here: job alerts (from a search
to the digest's one-click unsubscribe), the saved-jobs page, reporting a listing and a
moderator closing it, a rejection's reason reaching the poster, renewing from the expiry
reminder's link, and the company profile on the public page.

E-mails are read from Django's test outbox; their links are opened like a person would,
often in a browser context of their own (a mail client has no session on the site).
Waits are on what the page shows, never on time.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import link_in_mail, sign_in_with_form  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_signs_in(page, staff):
    from board.tests.factories import PASSWORD

    page.goto("/admin/")
    sign_in_with_form(page, staff.email, PASSWORD)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def run_admin_action(page, row_name, action):
    row = page.get_by_role("row", name=re.compile(re.escape(row_name)))
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Run").click()


@pytest.fixture
def seeker():
    from board.tests.factories import SeekerFactory

    return SeekerFactory(email="lin@example.com")


@pytest.fixture
def owner():
    """The owner of Kestrel Robotics, an unverified company (its jobs are reviewed)."""
    from board.tests.factories import CompanyFactory, EmployerFactory, MembershipFactory

    company = CompanyFactory(name="Kestrel Robotics", slug="kestrel-robotics")
    return MembershipFactory(company=company, user=EmployerFactory(email="ops@kestrel.test")).user


# Job alerts


def test_alert_from_a_search_then_digest_then_one_click_unsubscribe(
    open_page, live_server, seeker, jobs
):
    from board.alerts.models import JobAlert
    from board.tests.factories import JobFactory

    page = open_page()
    sign_in(page, live_server, seeker)
    page.goto("/jobs/")
    page.get_by_role("checkbox", name="Remote", exact=True).check()
    expect(page.locator("#results-heading")).to_have_text("5 jobs")

    page.get_by_label("How often").select_option(label="Weekly")
    page.get_by_role("button", name="Email me jobs like these").click()
    expect(
        page.get_by_text(re.compile(r"^Alert saved: we'll e-mail you new jobs for"))
    ).to_be_visible()
    # Back on the same search.
    expect(page.get_by_role("checkbox", name="Remote", exact=True)).to_be_checked()
    expect(page.locator("#results-heading")).to_have_text("5 jobs")

    page.goto("/me/alerts/")
    alert_card = page.get_by_role("region", name=re.compile(r"^Alert: .*remote", re.I))
    expect(alert_card).to_contain_text("Weekly")
    alert_card.get_by_role("button", name="Pause").click()
    expect(page.get_by_text("Alert updated.")).to_be_visible()
    expect(alert_card.get_by_text("Paused")).to_be_visible()
    alert_card.get_by_role("button", name="Resume").click()
    expect(alert_card.get_by_text("Paused")).to_have_count(0)

    # A new matching job, then the weekly run: the digest lists it, and only it.
    now = timezone.now()
    new_job = JobFactory(title="Remote Firmware Engineer", workplace="remote", published_at=now)
    JobFactory(title="On-site Accountant", workplace="on_site", published_at=now)
    call_command("send_job_alerts", frequency="weekly", stdout=io.StringIO())
    digest = [message for message in mail.outbox if seeker.email in message.to][-1]
    assert "Remote Firmware Engineer" in digest.body
    assert "On-site Accountant" not in digest.body
    assert "Zephyr Platform Engineer" not in digest.body  # remote, but older than the alert

    # The digest's link to the job works...
    reader = open_page()  # a mail client: no session on the site
    reader.goto(link_in_mail(seeker.email, re.escape(new_job.get_absolute_url())))
    expect(reader.get_by_role("heading", name="Remote Firmware Engineer", level=1)).to_be_visible()
    # ...and so does its unsubscribe link, without signing in.
    reader.goto(link_in_mail(seeker.email, "/alerts/unsubscribe/"))
    expect(reader.get_by_text(re.compile("^Stop e-mails for"))).to_be_visible()
    reader.get_by_role("button", name="Unsubscribe").click()
    expect(reader.get_by_text(re.compile("^You won't get e-mails for"))).to_be_visible()
    assert not JobAlert.objects.get().is_active

    page.reload()
    expect(alert_card.get_by_text("Paused")).to_be_visible()
    alert_card.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Alert deleted.")).to_be_visible()
    expect(page.get_by_text("You have no job alerts yet.")).to_be_visible()


# Saved jobs


def test_saved_jobs_page_lists_what_was_saved_and_unsaves(page, live_server, seeker, jobs):
    sign_in(page, live_server, seeker)
    page.goto("/jobs/")
    results = page.locator("#results")
    for title in ("Zephyr Data Scientist", "Backend Developer 7"):
        results.get_by_role("button", name=f"Save {title}").click()
        expect(
            results.get_by_role("button", name=re.compile(rf"^Saved\b.*{title}"))
        ).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Saved jobs").click()
    expect(page.get_by_role("heading", name="Saved jobs", level=1)).to_be_visible()
    saved = page.get_by_role("article")
    expect(saved).to_have_count(2)
    assert sorted(saved.get_by_role("heading").all_inner_texts()) == [
        "Backend Developer 7",
        "Zephyr Data Scientist",
    ]

    # Unsaving from the list; the job page agrees.
    saved.filter(has_text="Zephyr Data Scientist").get_by_role(
        "button", name=re.compile("remove Zephyr Data Scientist")
    ).click()
    page.reload()
    expect(page.get_by_role("article")).to_have_count(1)
    page.get_by_role("link", name="Backend Developer 7").click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Saved\b.*Backend Developer 7"))
    ).to_be_visible()


# Reports and moderation


def test_reported_job_is_closed_by_a_moderator(open_page, live_server, seeker, owner):
    from board.jobs.models import Job
    from board.tests.factories import JobFactory, StaffFactory

    job = JobFactory(title="Too Good To Be True Analyst", company=owner.memberships.get().company)
    reporter = open_page()
    sign_in(reporter, live_server, seeker)
    reporter.goto(job.get_absolute_url())
    reporter.get_by_role("link", name="Report this job").click()
    expect(reporter.get_by_role("heading", name="Report this job")).to_be_visible()
    reporter.get_by_label("Scam or fraud").check()
    reporter.get_by_label("Details").fill("Asks for a deposit before the interview.")
    reporter.get_by_role("button", name="Send report").click()
    expect(
        reporter.get_by_text("Thank you for your report. A moderator will look at this job.")
    ).to_be_visible()
    # Once is enough: a second visit says so.
    reporter.get_by_role("link", name="Report this job").click()
    expect(reporter.get_by_text(re.compile("^You already reported this job"))).to_be_visible()

    moderator = open_page()
    admin_signs_in(moderator, StaffFactory(email="mod@example.com"))
    moderator.goto("/admin/board/jobreport/")
    row = moderator.get_by_role("row", name=re.compile(re.escape(job.title)))
    expect(row).to_contain_text("Scam or fraud")
    run_admin_action(moderator, job.title, "Close the selected reports’ jobs")
    expect(moderator.get_by_text("1 job closed.")).to_be_visible()

    reporter.goto(job.get_absolute_url())
    expect(reporter.get_by_text("no longer accepting applications")).to_be_visible()
    assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED


def test_rejection_reason_reaches_the_poster(open_page, live_server, owner):
    from board.tests.factories import JobFactory, StaffFactory

    company = owner.memberships.get().company
    job = JobFactory(
        title="Unpaid Senior Architect", company=company, posted_by=owner, pending=True
    )
    reason = "Say what the job pays: unpaid senior roles are not allowed."

    moderator = open_page()
    admin_signs_in(moderator, StaffFactory(email="mod@example.com"))
    moderator.get_by_role("link", name="Review queue", exact=True).click()
    run_admin_action(moderator, job.title, "Reject selected jobs (with a reason)…")
    expect(moderator.get_by_role("heading", name="Reject jobs")).to_be_visible()
    moderator.get_by_label("Reason").fill(reason)
    moderator.get_by_role("button", name="Reject").click()
    expect(moderator.get_by_text("1 job(s) rejected.")).to_be_visible()

    rejected = [message for message in mail.outbox if owner.email in message.to]
    assert rejected and reason in rejected[-1].body

    poster = open_page()
    sign_in(poster, live_server, owner)
    poster.goto("/employer/")
    card = poster.get_by_role("article", name=job.title)
    expect(card).to_contain_text("Rejected")
    expect(card).to_contain_text(f"The moderator’s reason: {reason}")


# Expiry reminder and renewal


def test_renew_from_the_expiry_reminder_link(open_page, owner):
    from board.jobs.models import Job
    from board.tests.factories import JobFactory

    company = owner.memberships.get().company
    now = timezone.now()
    job = JobFactory(
        title="Night Shift Operator",
        company=company,
        posted_by=owner,
        published_at=now - timedelta(days=28),
        expires_at=now + timedelta(days=2),
    )
    call_command("send_expiry_reminders", stdout=io.StringIO())
    renew_path = link_in_mail(owner.email, "/jobs/renew/")

    page = open_page()  # from the e-mail, not signed in
    page.goto(renew_path)
    expect(page.get_by_role("heading", name=f"Renew “{job.title}”")).to_be_visible()
    page.get_by_role("button", name="Renew for 30 days").click()
    expect(page.get_by_text(re.compile("^Done: the listing stays online until"))).to_be_visible()
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.expires_at > now + timedelta(days=29)
    page.get_by_role("link", name="See the listing").click()
    expect(page.get_by_role("heading", name=job.title, level=1)).to_be_visible()

    # The link was for that listing period only: it is dead now (a request, not a page
    # load, as the 404 page would count as a console error).
    assert page.request.get(renew_path).status == 404


# The company profile


def test_company_profile_shows_on_the_public_page(page, live_server, owner):
    from PIL import Image

    from board.tests.factories import JobFactory

    company = owner.memberships.get().company
    JobFactory(title="Flight Controls Engineer", company=company)
    logo = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 60, 20)).save(logo, "PNG")

    sign_in(page, live_server, owner)
    page.goto("/employer/")
    page.get_by_role("navigation", name="Employer pages").get_by_role(
        "link", name="Company"
    ).click()
    expect(page.get_by_role("heading", name="Company profile")).to_be_visible()
    page.get_by_label("Headquarters").fill("Bristol, UK")
    page.get_by_label("Company size").select_option(label="11–50 people")
    page.get_by_label("About the company").fill("We build autopilots for small drones.")
    page.get_by_label("Logo").set_input_files(
        {"name": "kestrel.png", "mimeType": "image/png", "buffer": logo.getvalue()}
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your company profile was saved.")).to_be_visible()
    expect(page.get_by_role("img", name="Current logo")).to_be_visible()

    page.get_by_role("link", name="See your public company page").click()
    expect(page.get_by_role("heading", name="Kestrel Robotics", level=1)).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Bristol, UK")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="11–50 people")).to_be_visible()
    expect(page.get_by_role("region", name="About")).to_have_text(
        "We build autopilots for small drones."
    )
    logo_img = page.locator("header img")
    expect(logo_img).to_be_visible()
    assert logo_img.evaluate("img => img.complete && img.naturalWidth") > 0
    expect(page.get_by_role("heading", name="Flight Controls Engineer")).to_be_visible()
