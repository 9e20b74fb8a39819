"""The employer's jobs and pipeline through the API: the site's forms and workflow."""

import pytest

from board.applications.models import Application
from board.jobs.models import Job, ModerationLogEntry
from board.notifications.models import Notification
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory, CategoryFactory, JobFactory

pytestmark = pytest.mark.django_db

JOBS = "/api/v1/employer/jobs/"
DESCRIPTION = "We build things with Python and care about our users. " * 4


@pytest.fixture
def category():
    return CategoryFactory(name="Backend", slug="backend")


def _job_body(category, **extra):
    return {
        "title": "Senior Python Developer",
        "category": category.pk,
        "workplace": "remote",
        "description": DESCRIPTION,
        "salary_min": 90000,
        "salary_max": 120000,
        **extra,
    }


def test_create_is_a_draft_whatever_is_sent(employer_a, company_a, company_b, category):
    body = _job_body(
        category,
        status="published",
        company=company_b.pk,
        posted_by=None,
        published_at="2020-01-01T00:00:00Z",
        expires_at="2099-01-01T00:00:00Z",
        verified=True,
    )
    response = bearer(employer_a).post(JOBS, body)
    assert response.status_code == 201, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == Job.Status.DRAFT
    assert job.company == company_a
    assert job.posted_by == employer_a
    assert job.published_at is None
    assert job.expires_at is None


def test_create_validated_by_the_site_form(employer_a, category):
    response = bearer(employer_a).post(
        JOBS,
        _job_body(category, description="Too short", salary_min=9, salary_max=1, workplace="x"),
    )
    assert response.status_code == 400
    assert {"description", "workplace"} <= set(response.json())
    assert not Job.objects.exists()


def test_list_is_my_company_only(employer_a, job_a, company_b):
    JobFactory(company=company_b)
    draft = JobFactory(company=job_a.company, draft=True)
    ids = [j["id"] for j in bearer(employer_a).get(JOBS).json()["results"]]
    assert sorted(ids) == sorted([job_a.pk, draft.pk])


@pytest.mark.parametrize("verified,expected", [(True, "published"), (False, "pending")])
def test_submit_follows_review_rules(employer_a, company_a, verified, expected):
    company_a.verified = verified
    company_a.save()
    draft = JobFactory(company=company_a, draft=True)
    client = bearer(employer_a)
    response = client.post(f"{JOBS}{draft.pk}/submit/")
    assert response.status_code == 200
    assert response.json()["status"] == expected
    assert client.post(f"{JOBS}{draft.pk}/submit/").status_code == 409


def test_patch_published_job_of_unverified_company_returns_to_review(employer_b, company_b):
    job = JobFactory(company=company_b, description=DESCRIPTION)
    response = bearer(employer_b).patch(
        f"{JOBS}{job.pk}/", {"title": "New title", "status": "published"}
    )
    assert response.status_code == 200, response.content
    job.refresh_from_db()
    assert job.title == "New title"
    assert job.status == Job.Status.PENDING
    assert ModerationLogEntry.objects.filter(job=job, action="returned").exists()


def test_patch_of_verified_company_stays_live(employer_a, job_a):
    job_a.description = DESCRIPTION
    job_a.save()
    response = bearer(employer_a).patch(
        f"{JOBS}{job_a.pk}/",
        {"city": "Porto", "country": "PT", "expires_at": "2099-01-01T00:00:00Z"},
    )
    assert response.status_code == 200
    job_a.refresh_from_db()
    assert (job_a.city, job_a.status) == ("Porto", Job.Status.PUBLISHED)
    assert job_a.expires_at.year != 2099


def test_patch_closed_job_409(employer_a, company_a):
    job = JobFactory(company=company_a, status=Job.Status.CLOSED)
    assert bearer(employer_a).patch(f"{JOBS}{job.pk}/", {"title": "x"}).status_code == 409


def test_close_and_renew(employer_a, job_a):
    client = bearer(employer_a)
    old_expiry = job_a.expires_at
    renewed = client.post(f"{JOBS}{job_a.pk}/renew/")
    assert renewed.status_code == 200
    job_a.refresh_from_db()
    assert job_a.expires_at > old_expiry
    assert client.post(f"{JOBS}{job_a.pk}/close/").json()["status"] == "closed"
    assert client.post(f"{JOBS}{job_a.pk}/close/").status_code == 409


def test_applicants_move_and_notes(employer_a, job_a, seeker_a):
    application = ApplicationFactory(job=job_a, applicant=seeker_a)
    client = bearer(employer_a)
    listed = client.get(f"{JOBS}{job_a.pk}/applicants/").json()["results"]
    assert [a["id"] for a in listed] == [application.pk]
    assert listed[0]["applicant_email"] == seeker_a.email
    moved = client.post(
        f"/api/v1/employer/applications/{application.pk}/status/", {"status": "interviewing"}
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "interviewing"
    event = application.events.get()
    assert Notification.objects.filter(
        kind=Notification.Kind.STATUS_CHANGED, object_id=event.pk
    ).exists()
    assert client.get(f"{JOBS}{job_a.pk}/applicants/?status=submitted").json()["results"] == []
    notes = f"/api/v1/employer/applications/{application.pk}/notes/"
    assert client.post(notes, {"body": "Great call"}).status_code == 201
    assert [n["body"] for n in client.get(notes).json()] == ["Great call"]


def test_moves_follow_the_workflow(employer_a, job_a):
    application = ApplicationFactory(job=job_a, status=Application.Status.WITHDRAWN)
    url = f"/api/v1/employer/applications/{application.pk}/status/"
    assert bearer(employer_a).post(url, {"status": "reviewing"}).status_code == 409
    assert bearer(employer_a).post(url, {"status": "nonsense"}).status_code == 400
    assert not Notification.objects.exists()
