"""The applicants' CSV exports through the API: the site's files, for the company's
members only, each logged."""

import csv
import io

import pytest
from django.urls import reverse

from board.applications.models import ExportLogEntry
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db


def job_csv(job):
    return reverse("api_job_applicants_csv", args=[job.pk])


def read(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def applied(job_a):
    seeker = SeekerFactory(first_name="=HYPERLINK(1)", last_name="Doe", email="ann@example.com")
    return ApplicationFactory(job=job_a, applicant=seeker)


def test_the_owner_gets_one_jobs_applicants_and_the_export_is_logged(employer_a, job_a, applied):
    response = bearer(employer_a).get(job_csv(job_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"applicants-{job_a.slug}-" in response["Content-Disposition"]
    header, row = read(response)
    assert header[:4] == ["Application id", "Job", "Applicant name", "Applicant e-mail"]
    assert row[0] == str(applied.pk)
    assert row[2] == "'=HYPERLINK(1) Doe"  # neutralised, as on the site
    assert row[3] == "ann@example.com"
    entry = ExportLogEntry.objects.get()
    assert (entry.actor, entry.job, entry.scope) == (employer_a, job_a, "job")


def test_a_recruiter_gets_the_whole_companys_applicants(company_a, job_a, applied):
    other_job = JobFactory(company=company_a)
    ApplicationFactory(job=other_job)
    recruiter = MembershipFactory(company=company_a, role="recruiter", user=EmployerFactory()).user
    response = bearer(recruiter).get(reverse("api_company_applicants_csv"))
    assert response.status_code == 200
    header, *rows = read(response)
    assert header[-2:] == ["Screening answers", "Knocked out"]
    assert len(rows) == 2
    assert ExportLogEntry.objects.get().scope == "company"


def test_nobody_else_gets_a_file_nor_a_log_entry(anon, seeker_a, employer_b, job_a, applied):
    assert anon.get(job_csv(job_a)).status_code == 401
    assert bearer(seeker_a).get(job_csv(job_a)).status_code == 403
    assert bearer(seeker_a).get(reverse("api_company_applicants_csv")).status_code == 403
    assert bearer(employer_b).get(job_csv(job_a)).status_code == 404
    assert not ExportLogEntry.objects.exists()


def test_a_head_request_answers_like_the_get_but_is_not_logged(employer_a, employer_b, job_a):
    head = bearer(employer_a).head(job_csv(job_a))
    assert head.status_code == 200
    assert head["Content-Type"] == "text/csv; charset=utf-8"
    assert bearer(employer_b).head(job_csv(job_a)).status_code == 404
    assert not ExportLogEntry.objects.exists()
