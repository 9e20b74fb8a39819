"""Résumé downloads by signed link: `resume_url` in the API works without a session,
for the reader it was made for, for a few minutes, and only while they may read it."""

import time

import pytest
from django.core import signing
from django.test import Client

from board.applications.resume_links import SALT
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(job_a, seeker_a):
    return ApplicationFactory(job=job_a, applicant=seeker_a)


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _employer_link(employer, job):
    applicants = bearer(employer).get(f"/api/v1/employer/jobs/{job.pk}/applicants/").json()
    return _path(applicants["results"][0]["resume_url"])


def test_the_employers_link_downloads_without_a_session(employer_a, application):
    response = Client().get(_employer_link(employer_a, application.job))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store, private"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_applicants_link_works_too(seeker_a, application):
    mine = bearer(seeker_a).get("/api/v1/me/applications/").json()["results"][0]
    assert Client().get(_path(mine["resume_url"])).status_code == 200


def test_an_expired_link_is_410(employer_a, application, settings):
    settings.RESUME_LINK_MAX_AGE = 1
    link = _employer_link(employer_a, application.job)
    time.sleep(2.1)  # signatures count whole seconds
    response = Client().get(link)
    assert response.status_code == 410
    assert "expired" in response.json()["detail"]


def test_a_tampered_link_is_404(employer_a, application):
    link = _employer_link(employer_a, application.job)
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert Client().get(f"/api/v1/resumes/{forged}/").status_code == 404
    other_application = ApplicationFactory()
    swapped = signing.dumps([other_application.pk, employer_a.pk], salt="another-salt")
    assert Client().get(f"/api/v1/resumes/{swapped}/").status_code == 404


def test_a_link_for_someone_elses_application_is_404(employer_b, application):
    # Signed by us, but employer B may not read company A's applicants: refused.
    token = signing.dumps([application.pk, employer_b.pk], salt=SALT, compress=True)
    response = Client().get(f"/api/v1/resumes/{token}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_reader_who_left_the_company_loses_the_link(employer_a, application):
    link = _employer_link(employer_a, application.job)
    employer_a.memberships.all().delete()
    assert Client().get(link).status_code == 404
