import re

import pytest
from django.urls import reverse

from board.tests import resume_files
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

PDF = resume_files.pdf_bytes()


@pytest.fixture
def application():
    company = CompanyFactory()
    return ApplicationFactory(
        job=JobFactory(company=company), resume__data=PDF, resume__filename="Jane Doe CV.pdf"
    )


def without_nonces(content):
    """The page without what changes on every response: CSP nonces and masked CSRF tokens."""
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    content = re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def resume_url(application):
    return reverse("application_resume", args=[application.pk])


def assert_private_download(response, filename, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy
    assert "script-src" not in policy  # the site policy was replaced, not merged


class TestApplicationResumeMatrix:
    """Who may download an applicant's résumé: 200 or a 404 identical to a missing id."""

    @pytest.mark.parametrize(
        "reader",
        ["applicant", "owner of the job's company", "recruiter of the job's company", "staff"],
    )
    def test_allowed(self, client, application, reader):
        user = {
            "applicant": lambda: application.applicant,
            "owner of the job's company": lambda: (
                MembershipFactory(company=application.job.company).user
            ),
            "recruiter of the job's company": lambda: (
                MembershipFactory(company=application.job.company, role="recruiter").user
            ),
            "staff": StaffFactory,
        }[reader]()
        client.force_login(user)
        response = client.get(resume_url(application))
        assert_private_download(response, f"resume-{application.pk}.pdf", "application/pdf")
        assert b"".join(response.streaming_content) == PDF

    @pytest.mark.parametrize(
        "reader", ["anonymous", "another seeker", "employer of another company"]
    )
    @pytest.mark.parametrize("method", ["get", "head"])
    def test_refused_with_the_same_404_as_a_missing_id(self, client, application, reader, method):
        if reader == "another seeker":
            client.force_login(SeekerFactory())
        elif reader == "employer of another company":
            client.force_login(MembershipFactory().user)
        refused = getattr(client, method)(resume_url(application))
        missing = getattr(client, method)(reverse("application_resume", args=[999999]))
        assert refused.status_code == missing.status_code == 404
        assert without_nonces(refused.content) == without_nonces(missing.content)
        assert "Content-Disposition" not in refused

    def test_a_member_of_two_companies_is_not_counted_twice(self, client, application):
        # The applicant is also a member of the job's company: still one row, still 200.
        MembershipFactory(company=application.job.company, user=application.applicant)
        client.force_login(application.applicant)
        assert client.get(resume_url(application)).status_code == 200

    def test_docx_has_its_own_type(self, client):
        application = ApplicationFactory(
            resume__data=resume_files.docx_bytes(), resume__filename="cv.docx"
        )
        client.force_login(application.applicant)
        response = client.get(resume_url(application))
        assert_private_download(response, f"resume-{application.pk}.docx", resume_files.DOCX_TYPE)

    def test_missing_file_is_404_not_500(self, client, application):
        application.resume.storage.delete(application.resume.name)
        client.force_login(application.applicant)
        assert client.get(resume_url(application)).status_code == 404

    def test_post_is_refused(self, client, application):
        client.force_login(application.applicant)
        assert client.post(resume_url(application)).status_code == 405


class TestProfileResume:
    def test_owner_downloads_it(self, client):
        profile = SeekerProfileFactory(resume__data=PDF)
        client.force_login(profile.user)
        response = client.get(reverse("profile_resume"))
        assert_private_download(response, "resume.pdf", "application/pdf")

    def test_no_resume_is_404(self, client):
        profile = SeekerProfileFactory(resume="")
        client.force_login(profile.user)
        assert client.get(reverse("profile_resume")).status_code == 404
        client.force_login(SeekerFactory())  # no profile at all
        assert client.get(reverse("profile_resume")).status_code == 404

    def test_anonymous_goes_to_login(self, client):
        SeekerProfileFactory()
        response = client.get(reverse("profile_resume"))
        assert response["Location"].startswith(reverse("account_login"))


class TestNoPublicRoute:
    def test_media_files_are_not_served(self, client, application):
        for url in [f"/media/{application.resume.name}", f"/{application.resume.name}"]:
            assert client.get(url).status_code == 404
