"""More flows of docs/features.md, each clicked through once in a real browser, end to end.

Here: a seeker's profile with a default résumé, then applying with it; the employer
dashboard's Duplicate (a draft copy) and Close (filled, through its confirmation page);
the owner removing a team member and revoking a pending invitation; and the employer
downloading an applicant's résumé from the pipeline, with the headers that keep it an
attachment the browser neither sniffs nor caches.

Waits are on what the page shows, never on time.
"""

import re

import pytest

from board.tests import resume_files
from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner():
    """The owner of Osprey Logistics, with a published job."""
    from board.tests.factories import CompanyFactory, EmployerFactory, MembershipFactory

    company = CompanyFactory(name="Osprey Logistics", slug="osprey-logistics")
    return MembershipFactory(company=company, user=EmployerFactory(email="owner@osprey.test")).user


def company_of(user):
    return user.memberships.get().company


# A seeker's profile résumé


def test_profile_with_a_default_resume_then_apply_with_it(page, live_server):
    from board.accounts.models import SeekerProfile
    from board.applications.models import Application
    from board.tests.factories import JobFactory, SeekerFactory

    seeker = SeekerFactory(email="ada@example.com")
    job = JobFactory(title="Warehouse Systems Analyst")
    resume = resume_files.pdf_bytes(pages=2)

    sign_in(page, live_server, seeker)
    page.goto("/me/profile/")
    expect(page.get_by_text("Add a résumé to apply to jobs in one click.")).to_be_visible()
    page.get_by_label("Headline").fill("Analyst, 5 years of logistics")
    page.get_by_label("Default résumé").set_input_files(
        {"name": "my cv.pdf", "mimeType": "application/pdf", "buffer": resume}
    )
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    expect(page.get_by_text(re.compile("^Your résumé on file"))).to_be_visible()
    assert SeekerProfile.objects.get(user=seeker).headline == "Analyst, 5 years of logistics"

    page.goto(job.get_absolute_url())
    use_profile = page.get_by_label("Use the résumé on my profile")
    expect(use_profile).to_be_checked()
    page.get_by_label("Cover letter").fill("My résumé is on my profile.")
    page.get_by_role("button", name="Send application").click()

    expect(page.locator("#apply-panel")).to_contain_text("Applied on")
    application = Application.objects.get(applicant=seeker, job=job)
    # The application has its own copy of the profile's file.
    with application.resume.open("rb") as stored:
        assert stored.read() == resume
    assert application.resume.name != SeekerProfile.objects.get(user=seeker).resume.name


# The employer dashboard: Duplicate and Close


def test_dashboard_duplicate_makes_a_draft_and_close_is_confirmed(page, live_server, owner):
    from board.jobs.models import Job
    from board.tests.factories import JobFactory

    job = JobFactory(title="Forklift Driver", company=company_of(owner), posted_by=owner)
    sign_in(page, live_server, owner)
    page.goto("/employer/")

    card = page.get_by_role("article", name="Forklift Driver")
    card.get_by_role("button", name="Duplicate “Forklift Driver”").click()
    expect(
        page.get_by_text("A new draft copied from “Forklift Driver”. Edit it, then submit it.")
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name="Edit “Forklift Driver (copy)”", level=1)
    ).to_be_visible()
    expect(page.get_by_text("Status: Draft.")).to_be_visible()
    copy = Job.objects.exclude(pk=job.pk).get()
    assert (copy.status, copy.title, copy.company) == (
        Job.Status.DRAFT,
        f"{job.title} (copy)",
        job.company,
    )

    page.goto("/employer/")
    cards = page.get_by_role("article", name="Forklift Driver")
    expect(cards).to_have_count(2)
    expect(cards.filter(has_text="Draft")).to_have_count(1)
    published = cards.filter(has_text="Published")
    published.get_by_role("button", name="Close (filled) “Forklift Driver”").click()

    expect(page.get_by_role("heading", name="Close “Forklift Driver”?")).to_be_visible()
    # A GET form with no fields: the URL ends in a bare "?".
    expect(page).to_have_url(re.compile(rf"/employer/jobs/{job.pk}/close/confirm/\??$"))
    # Nothing is closed until the confirmation's POST.
    assert Job.objects.get(pk=job.pk).status == Job.Status.PUBLISHED
    page.get_by_role("button", name="Yes, close the job").click()

    expect(
        page.get_by_text("“Forklift Driver” is closed and no longer takes applications.")
    ).to_be_visible()
    expect(cards.filter(has_text="Closed")).to_have_count(1)
    assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED
    assert Job.objects.get(pk=copy.pk).status == Job.Status.DRAFT

    page.goto(job.get_absolute_url())
    expect(page.get_by_text("no longer accepting applications")).to_be_visible()


# The team: removing a member, revoking an invitation


def test_owner_removes_a_member_and_revokes_an_invitation(page, live_server, owner):
    from board.companies.models import Invitation, Membership
    from board.tests.factories import EmployerFactory, InvitationFactory, MembershipFactory

    company = company_of(owner)
    recruiter = MembershipFactory(
        company=company,
        user=EmployerFactory(email="leaving@osprey.test"),
        role=Membership.Role.RECRUITER,
    ).user
    InvitationFactory(company=company, email="maybe@osprey.test", invited_by=owner)

    sign_in(page, live_server, owner)
    page.goto("/employer/team/")
    members = page.get_by_role("region", name="Members")
    pending = page.get_by_role("region", name="Pending invitations")
    expect(members.get_by_role("listitem")).to_have_count(2)
    expect(pending.get_by_role("listitem")).to_contain_text("maybe@osprey.test")

    members.get_by_role("button", name="Remove leaving@osprey.test").click()
    expect(page.get_by_text("leaving@osprey.test was removed from the team.")).to_be_visible()
    expect(members.get_by_role("listitem")).to_have_count(1)
    expect(members).not_to_contain_text("leaving@osprey.test")
    assert not Membership.objects.filter(user=recruiter).exists()

    pending.get_by_role("button", name="Revoke the invitation to maybe@osprey.test").click()
    expect(page.get_by_text("The invitation to maybe@osprey.test was revoked.")).to_be_visible()
    expect(pending).to_contain_text("None.")
    assert not Invitation.objects.filter(email="maybe@osprey.test").exists()


# Downloading an applicant's résumé from the pipeline


def test_employer_downloads_an_applicants_resume(page, live_server, owner):
    from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

    job = JobFactory(title="Route Planner", company=company_of(owner), posted_by=owner)
    applicant = SeekerFactory(email="grace@example.com", first_name="Grace", last_name="Hopper")
    application = ApplicationFactory(job=job, applicant=applicant)
    with application.resume.open("rb") as stored:
        resume = stored.read()

    sign_in(page, live_server, owner)
    page.goto("/employer/")
    page.get_by_role("article", name="Route Planner").get_by_role("link", name="Applicants").click()
    expect(page.get_by_role("heading", name="1 applicant")).to_be_visible()
    link = page.get_by_role("link", name="Download résumé of Grace Hopper")

    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == f"resume-{application.pk}.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == resume

    # The same URL with the page's session, to read the headers a download hides.
    response = page.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    headers = response.headers
    assert headers["content-disposition"].startswith("attachment;")
    assert headers["content-type"] == "application/pdf"
    assert headers["x-content-type-options"] == "nosniff"
    assert "no-store" in headers["cache-control"]
    assert "sandbox" in headers["content-security-policy"]
    assert response.body() == resume
