"""The whole hiring loop in a real browser, clicked through as four people would do it.

An employer signs up and verifies the e-mail address, creates a company and posts a job;
a moderator approves it in the admin's review queue; a job seeker finds it by keyword,
signs in and applies with a PDF; the employer moves the application to Interviewing and
writes a private note; the seeker sees the new status, and never the note.

Each person has a browser context of their own, so sessions never mix. The watcher in
conftest.py fails the test on any console error or CSP violation, on any of the pages.
"""

import re

import pytest
from django.core import mail

from board.tests import resume_files

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import PASSWORD_LABEL, sign_in_with_form  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPLOYER_EMAIL = "founder@orbital-optics.example.com"
EMPLOYER_PASSWORD = "Lens-grinding-at-dawn-42"
COMPANY = "Orbital Optics"
JOB_TITLE = "Telescope Control Software Engineer"
KEYWORD = "telescope"
DESCRIPTION = (
    "Orbital Optics builds the control software for research telescopes.\n\n"
    "## What you'll do\n\n"
    "- Write the real-time code that points a telescope at the sky\n"
    "- Work with astronomers on scheduling observations\n\n"
    "We offer a relaxed hybrid team in Lisbon and **four weeks** of holidays."
)
NOTE = "Strong portfolio — call Tuesday"


class DocumentLoads:
    """Counts the page loads of one page, to prove that an htmx update swapped in place."""

    def __init__(self, page):
        self.urls = []
        page.on("request", self._on_request)

    def _on_request(self, request):
        if request.resource_type == "document":
            self.urls.append(request.url)

    def reset(self):
        self.urls.clear()


def confirmation_path(email):
    """The path of the e-mail confirmation link that allauth sent to `email`."""
    sent_to = [message for message in mail.outbox if email in message.to]
    assert sent_to, f"no e-mail to {email}; outbox: {[m.to for m in mail.outbox]}"
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", sent_to[-1].body)
    assert match, sent_to[-1].body
    return match.group(1)


# 1. The employer


def employer_signs_up_and_verifies(page):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill(EMPLOYER_EMAIL)
    page.get_by_role("radio", name="hire").check()
    page.get_by_label(PASSWORD_LABEL).fill(EMPLOYER_PASSWORD)
    page.get_by_label("Password (again)").fill(EMPLOYER_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    # Mandatory verification: no session until the address is confirmed.
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    page.goto(confirmation_path(EMPLOYER_EMAIL))
    page.get_by_role("button", name="Confirm").click()

    # Confirming signs the new employer in.
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name=re.compile(re.escape(EMPLOYER_EMAIL)))).to_contain_text(
        "Employer"
    )


def employer_creates_company(page):
    page.get_by_role("link", name="Employer dashboard").click()
    expect(page.get_by_role("heading", name="Create your company")).to_be_visible()
    page.get_by_role("link", name="Create your company").click()

    page.get_by_label("Name").fill(COMPANY)
    page.get_by_label("Website").fill("https://orbital-optics.example.com")
    page.get_by_label("About the company").fill("Software for the telescopes of tomorrow.")
    page.get_by_role("button", name="Create company").click()

    expect(page.get_by_text(f"{COMPANY} is set up. Post your first job!")).to_be_visible()
    # Not verified: its jobs go to a moderator first.
    expect(page.get_by_text("Your company is not verified yet")).to_be_visible()


def employer_posts_job(page):
    page.get_by_role("link", name="Post your first job").click()
    expect(page.get_by_role("heading", name="Post a job")).to_be_visible()

    basics = page.get_by_role("group", name="Basics")
    basics.get_by_label("Title").fill(JOB_TITLE)
    basics.get_by_label("Category").select_option(label="Engineering")
    basics.get_by_label("Employment type").select_option(label="Full-time")
    basics.get_by_label("Experience level").select_option(label="Senior")

    where = page.get_by_role("group", name="Location and workplace")
    where.get_by_label("Workplace").select_option(label="Hybrid")
    where.get_by_label("Locations").fill("Lisbon, Portugal")
    where.get_by_label("We sponsor work visas for this job").check()

    pay = page.get_by_role("group", name="Pay")
    pay.get_by_label("Pay from").fill("70000")
    pay.get_by_label("Pay up to").fill("95000")
    pay.get_by_label("Currency").select_option(label="Euro")
    pay.get_by_label("Paid").select_option(label="per year")

    page.get_by_label("Description").fill(DESCRIPTION)
    # The formatted description appears as one types (htmx, debounced).
    preview = page.locator("#description-preview")
    expect(preview.get_by_role("heading", name="What you'll do")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("four weeks")

    page.get_by_role("button", name="Save draft and preview").click()

    # The preview: the job page as seekers will see it.
    expect(page.get_by_text("Draft saved. Check the preview, then submit it.")).to_be_visible()
    expect(page.get_by_text("Preview — not yet published.")).to_be_visible()
    expect(page.get_by_role("heading", name=JOB_TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("€70,000–€95,000 per year")).to_be_visible()
    expect(page.get_by_text("Visa sponsorship available")).to_be_visible()
    description = page.get_by_role("region", name="Job description")
    expect(description.get_by_role("listitem")).to_have_count(2)

    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_text(f"“{JOB_TITLE}” was sent for review.")).to_be_visible()
    card = page.get_by_role("article", name=JOB_TITLE)
    expect(card.get_by_text("Pending review", exact=True)).to_be_visible()


# 2. The moderator


def admin_approves_job(page, admin_user):
    from board.tests.factories import PASSWORD

    page.goto("/admin/")
    # The admin's own login form is replaced by the site's (allauth) sign-in.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=(/|%2F)admin(/|%2F)$"))
    sign_in_with_form(page, admin_user.email, PASSWORD)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.get_by_role("link", name="Review queue", exact=True).click()
    row = page.get_by_role("row", name=re.compile(re.escape(JOB_TITLE)))
    expect(row).to_contain_text(COMPANY)
    row.get_by_role("checkbox", name=f"Select this object for an action - {JOB_TITLE}").check()
    page.get_by_label("Action:").select_option(label="Approve and publish selected jobs")
    page.get_by_role("button", name="Run").click()

    expect(page.get_by_text("1 job(s) approved and published.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(re.escape(JOB_TITLE)))).to_have_count(0)
    # The poster hears of it ("We will e-mail you once it is approved").
    to_employer = [message.body for message in mail.outbox if EMPLOYER_EMAIL in message.to]
    assert any(JOB_TITLE in body for body in to_employer), to_employer


# 3 and 4. The job seeker


def visitor_finds_job(page):
    page.goto("/jobs/")
    heading = page.locator("#results-heading")
    expect(heading).to_have_text("3 jobs")  # ours and the two already on the board
    loads = DocumentLoads(page)

    page.get_by_role("searchbox", name="Keywords").press_sequentially(KEYWORD)

    expect(heading).to_have_text("1 job")
    results = page.locator("#results")
    expect(results.get_by_role("heading", level=3)).to_have_text([JOB_TITLE])
    expect(results).to_contain_text(COMPANY)
    assert loads.urls == [], "the search reloaded the page"

    results.get_by_role("link", name=JOB_TITLE, exact=True).click()
    expect(page.get_by_role("heading", name=JOB_TITLE, level=1)).to_be_visible()


def seeker_signs_in_and_applies(page, seeker):
    from board.tests.factories import PASSWORD

    job_url = page.url
    page.get_by_role("link", name="Sign in to apply").click()
    sign_in_with_form(page, seeker.email, PASSWORD)
    expect(page).to_have_url(job_url)  # back on the job, signed in

    loads = DocumentLoads(page)
    page.get_by_label("Résumé").set_input_files(
        {
            "name": "ada-lovelace.pdf",
            "mimeType": "application/pdf",
            "buffer": resume_files.pdf_bytes(),
        }
    )
    page.get_by_label("Cover letter").fill("I have pointed telescopes with Python for years.")
    page.get_by_role("button", name="Send application").click()

    panel = page.locator("#apply-panel")
    expect(panel).to_contain_text("Applied on")
    expect(panel.get_by_role("link", name="View your application")).to_be_visible()
    assert loads.urls == [], "applying reloaded the page"


# 5. The employer again


def employer_moves_to_interviewing_and_notes(page, seeker):
    from board.applications.models import Application

    page.get_by_role("link", name="Employer dashboard").click()
    card = page.get_by_role("article", name=JOB_TITLE)
    expect(card.get_by_text("Published", exact=True)).to_be_visible()
    expect(card).to_contain_text("(1 new · 0 in progress · 0 hired · 0 not selected)")
    card.get_by_role("link", name="Applicants").click()

    expect(page.get_by_role("heading", name="1 applicant")).to_be_visible()
    application = Application.objects.get()
    row = page.locator(f"#application-{application.pk}")
    expect(row.locator('td[data-label="Status"]')).to_have_text("Submitted")

    loads = DocumentLoads(page)
    row.get_by_label(f"Move {seeker.display_name} to").select_option(label="Interviewing")
    row.get_by_role("button", name="Move").click()

    # The row is replaced in place: the new status, and the moves it now allows.
    expect(row.locator('td[data-label="Status"]')).to_have_text("Interviewing")
    move = row.get_by_label(f"Move {seeker.display_name} to")
    expect(move.get_by_role("option", name="Hired")).to_have_count(1)
    expect(move.get_by_role("option", name="Interviewing")).to_have_count(0)
    assert loads.urls == [], "moving the application reloaded the page"
    assert Application.objects.get().status == Application.Status.INTERVIEWING

    row.get_by_role("link", name=seeker.display_name, exact=True).click()
    expect(page.get_by_role("heading", name=seeker.display_name, level=1)).to_be_visible()
    status_panel = page.locator("#status-panel")
    expect(status_panel.get_by_role("heading", name="Status: Interviewing")).to_be_visible()

    notes = page.get_by_role("region", name="Private notes")
    expect(notes).to_contain_text("No notes yet.")
    loads.reset()
    notes.get_by_label("Add a private note").fill(NOTE)
    notes.get_by_role("button", name="Add note").click()

    notes = page.get_by_role("region", name="Private notes")
    expect(notes.get_by_role("listitem")).to_have_count(1)
    expect(notes.get_by_role("listitem")).to_contain_text(NOTE)
    expect(notes.get_by_label("Add a private note")).to_have_value("")
    assert loads.urls == [], "adding a note reloaded the page"


# 6. The job seeker again


def seeker_sees_interviewing_and_no_note(page, seeker):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My applications").click()
    row = page.get_by_role("row", name=re.compile(re.escape(JOB_TITLE)))
    expect(row).to_contain_text(COMPANY)
    expect(row).to_contain_text("Interviewing")
    assert NOTE not in page.content()

    row.get_by_role("link", name=JOB_TITLE).click()
    expect(page.get_by_role("heading", name=JOB_TITLE, level=1)).to_be_visible()
    expect(page.locator("dt:text-is('Status') + dd")).to_have_text("Interviewing")
    timeline = page.get_by_role("region", name="Timeline")
    steps = timeline.get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.first).to_contain_text("Applied")
    # The seeker sees which company acted, never which recruiter.
    expect(steps.last).to_contain_text(re.compile(rf"Submitted\W+to\W+Interviewing\W+by {COMPANY}"))
    assert NOTE not in page.content()
    # Nor in what the site e-mailed the seeker (the status change).
    to_seeker = [message for message in mail.outbox if seeker.email in message.to]
    assert to_seeker
    for message in to_seeker:
        parts = [message.body, *(str(part.content) for part in message.alternatives)]
        assert not [part for part in parts if "Tuesday" in part], message.subject


def test_employer_posts_seeker_applies_employer_moves_and_notes(open_page):
    from board.tests.factories import CategoryFactory, JobFactory, SeekerFactory, StaffFactory

    CategoryFactory(name="Engineering", slug="engineering")
    JobFactory.create_batch(2)  # other open jobs, so the search has something to leave out
    admin_user = StaffFactory(email="moderator@example.com")
    seeker = SeekerFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace")

    employer = open_page()
    employer_signs_up_and_verifies(employer)
    employer_creates_company(employer)
    employer_posts_job(employer)

    admin_approves_job(open_page(), admin_user)

    visitor = open_page()  # the seeker, not signed in yet
    visitor_finds_job(visitor)
    seeker_signs_in_and_applies(visitor, seeker)

    employer_moves_to_interviewing_and_notes(employer, seeker)

    seeker_sees_interviewing_and_no_note(visitor, seeker)
