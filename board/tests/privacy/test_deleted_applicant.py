"""After an applicant deleted their account, the company's pipeline, CSV, REST and
GraphQL show "Deleted applicant", never a 500, at the same cost in queries."""

import csv
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.applications import messaging, workflow
from board.applications.bulk import move_applications
from board.applications.models import Application
from board.jobs.models import InvalidTransition
from board.privacy.erasure import erase_account
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

DELETED = "Deleted applicant"


@pytest.fixture
def job(company):
    return JobFactory(company=company, title="Gear Tuner")


def deleted_applications(job, count):
    applications = []
    for _ in range(count):
        application = ApplicationFactory(job=job, cover_letter="Hire me")
        erase_account(application.applicant)
        application.refresh_from_db()
        applications.append(application)
    return applications


def test_pipeline_and_detail_show_a_deleted_applicant(client, employer, job):
    [application] = deleted_applications(job, 1)
    ApplicationFactory(job=job, applicant=SeekerFactory(email="still@example.com"))
    client.force_login(employer)
    page = client.get(reverse("employer_applicants", args=[job.pk])).content.decode()
    assert DELETED in page and "still@example.com" in page
    assert "Résumé and cover letter removed on" in page
    assert "Hire me" not in page
    detail = client.get(reverse("employer_application", args=[application.pk]))
    assert detail.status_code == 200
    assert DELETED in detail.content.decode()
    assert "Send a message" not in detail.content.decode()
    resume = client.get(reverse("application_resume", args=[application.pk]))
    assert resume.status_code == 404


def test_pipeline_queries_do_not_grow_with_deleted_applicants(client, employer, job):
    client.force_login(employer)
    url = reverse("employer_applicants", args=[job.pk])
    deleted_applications(job, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    deleted_applications(job, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_csv_export(client, employer, job):
    deleted_applications(job, 1)
    client.force_login(employer)
    response = client.get(reverse("employer_export_job", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][2:4] == [DELETED, ""]


def test_rest_and_graphql(client, employer, job, gql):
    [application] = deleted_applications(job, 1)
    response = bearer(employer).get(f"/api/v1/employer/jobs/{job.pk}/applicants/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["applicant_name"], row["applicant_email"], row["resume_url"]) == (DELETED, "", "")
    client.force_login(employer)
    query = """query($job: ID!) { jobApplicants(jobId: $job) { edges { node {
      applicantName applicantEmail resumeUrl coverLetter documentsRemovedAt } } } }"""
    answer = gql(query, {"job": str(job.pk)}, using=client)
    node = answer["data"]["jobApplicants"]["edges"][0]["node"]
    assert node["applicantName"] == DELETED
    assert node["applicantEmail"] == node["resumeUrl"] == node["coverLetter"] == ""
    assert node["documentsRemovedAt"]
    assert application.documents_removed_at


def test_the_company_can_still_decide_but_writes_to_nobody(
    employer, job, django_capture_on_commit_callbacks
):
    [application] = deleted_applications(job, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.move_application(application, Application.Status.REJECTED, employer)
    assert Application.objects.get(pk=application.pk).status == "rejected"
    assert mail.outbox == []
    with pytest.raises(InvalidTransition, match="deleted their account"):
        messaging.send_message(application, employer, "Hi", "Hello")


def test_a_bulk_rejection_with_a_message_moves_a_deleted_applicant_too(employer, job):
    [deleted] = deleted_applications(job, 1)
    present = ApplicationFactory(job=job)
    result = move_applications(
        employer,
        [deleted.pk, present.pk],
        Application.Status.REJECTED,
        reason="filled",
        subject="Thank you",
        body="Dear {applicant_name}",
    )
    assert {a.pk for a in result.moved} == {deleted.pk, present.pk}
    assert deleted.messages.count() == 0 and present.messages.count() == 1
