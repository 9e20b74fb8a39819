"""S3_SIGNED_URLS=true: the same permission-checked views answer a redirect to a
short-lived signed URL of the bucket, followed here by a plain HTTP client as a
browser would; the store checks the signature and the time."""

import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from board.privacy import exports
from board.tests.factories import CompanyFactory, JobFactory, MembershipFactory, SeekerFactory
from board.tests.storage.test_s3_flows import PDF, apply_on_site, body, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_urls(bucket, settings):
    settings.S3_SIGNED_URLS = True
    settings.S3_SIGNED_URL_SECONDS = 60
    return bucket


@pytest.fixture
def application(signed_urls, django_capture_on_commit_callbacks):
    return apply_on_site(SeekerFactory(), JobFactory(), django_capture_on_commit_callbacks)


def resume_redirect(application):
    owner = MembershipFactory(company=application.job.company).user
    response = signed_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert response.status_code == 302
    return response


def test_the_employer_is_sent_to_a_signed_url_that_serves_the_bytes(application):
    response = resume_redirect(application)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    url = response["Location"]
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=60" in url
    fetched = requests.get(url, timeout=5)  # no cookies, no credentials: the link is the key
    assert fetched.status_code == 200
    assert fetched.content == PDF
    # The overrides in the signed URL make the store answer an attachment of our type.
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert fetched.headers["Content-Disposition"] == (
        f'attachment; filename="resume-{application.pk}.pdf"'
    )


def test_the_permission_check_comes_first(application):
    url = reverse("application_resume", args=[application.pk])
    stranger = MembershipFactory(company=CompanyFactory()).user
    assert signed_in(stranger).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    assert signed_in(application.applicant).get(url).status_code == 302


def test_a_tampered_signature_is_refused_by_the_store(application):
    parts = urlsplit(resume_redirect(application)["Location"])
    query = dict(parse_qsl(parts.query))
    signature = query["X-Amz-Signature"]
    query["X-Amz-Signature"] = ("0" if signature[0] != "0" else "1") + signature[1:]
    tampered = urlunsplit(parts._replace(query=urlencode(query)))
    assert requests.get(tampered, timeout=5).status_code == 403
    # Longer than signed for: the signature no longer matches either.
    query["X-Amz-Signature"], query["X-Amz-Expires"] = signature, "3600"
    longer = urlunsplit(parts._replace(query=urlencode(query)))
    assert requests.get(longer, timeout=5).status_code == 403


def test_an_expired_url_is_refused_by_the_store(application, settings):
    settings.S3_SIGNED_URL_SECONDS = 1
    url = resume_redirect(application)["Location"]
    time.sleep(2.5)
    assert requests.get(url, timeout=5).status_code == 403


def test_a_data_export_redirects_too(signed_urls, django_capture_on_commit_callbacks):
    seeker = SeekerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.request_export(seeker)
    response = signed_in(seeker).get(exports.download_link(export))
    assert response.status_code == 302
    fetched = requests.get(response["Location"], timeout=5)
    assert fetched.status_code == 200
    assert fetched.headers["Content-Type"] == "application/zip"
    assert fetched.headers["Content-Disposition"].startswith("attachment;")
    assert fetched.content[:2] == b"PK"


def test_a_missing_object_is_a_404_not_a_redirect(application):
    application.resume.storage.delete(application.resume.name)
    owner = MembershipFactory(company=application.job.company).user
    response = signed_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert response.status_code == 404


def test_logos_stay_streamed(signed_urls):
    company = CompanyFactory()
    company.logo.save("x.webp", ContentFile(b"RIFF0000WEBP"), save=True)
    JobFactory(company=company)  # public once it has published a job
    response = Client().get(reverse("company_logo", args=[company.slug]))
    assert response.status_code == 200
    assert body(response) == b"RIFF0000WEBP"
