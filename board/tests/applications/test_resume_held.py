"""The pipeline says why a résumé held in quarantine, or deleted there, cannot be
downloaded, instead of a link that would answer 409."""

import pytest
from django.urls import reverse

from board.scanning.uploads import ScanStatus
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(company):
    job = JobFactory(company=company)
    return {
        status: ApplicationFactory(
            job=job, applicant=SeekerFactory(first_name=status.label.split()[0]), resume_scan=status
        )
        for status in (ScanStatus.CLEAN, ScanStatus.QUARANTINED, ScanStatus.INFECTED)
    }


def test_the_list_links_clean_resumes_only(client, employer, applications):
    client.force_login(employer)
    job = applications[ScanStatus.CLEAN].job
    page = client.get(reverse("employer_applicants", args=[job.pk])).text
    links = {s: reverse("application_resume", args=[a.pk]) in page for s, a in applications.items()}
    assert links == {
        ScanStatus.CLEAN: True,
        ScanStatus.QUARANTINED: False,
        ScanStatus.INFECTED: False,
    }
    assert "Résumé waiting for its virus scan" in page
    assert "Résumé deleted: it contained a virus" in page


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (ScanStatus.QUARANTINED, "Résumé waiting for its virus scan"),
        (ScanStatus.INFECTED, "Résumé deleted: it contained a virus"),
    ],
)
def test_the_application_page_says_why(client, employer, applications, status, text):
    client.force_login(employer)
    application = applications[status]
    page = client.get(reverse("employer_application", args=[application.pk])).text
    assert text in page
    assert reverse("application_resume", args=[application.pk]) not in page
