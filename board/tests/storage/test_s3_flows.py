"""The flows that store and read uploaded files, end to end on a real S3 store
(SeaweedFS): what goes into the bucket, what comes out of our views, and what is
gone from the bucket once deleted. The same flows on the local disk are tested
in their own domains' folders."""

import io
import os
import tracemalloc
import zipfile
from datetime import timedelta

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.companies.models import Company
from board.core.stored_files import private_download
from board.jobs.models import Job
from board.privacy import exports, retention
from board.privacy.models import DataExport
from board.quarantine.sweep import run as sweep_quarantine
from board.scanning.uploads import ScanStatus
from board.tests.api.conftest import bearer
from board.tests.factories import (
    PASSWORD,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)
from board.tests.resume_files import good_pdf
from board.tests.scanning.files import pdf_with_eicar

pytestmark = pytest.mark.django_db

PDF = good_pdf().read()  # the same bytes as every good_pdf() upload


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def apply_on_site(seeker, job, capture, data=PDF, name="Zelda Quintero CV.pdf"):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    with capture(execute=True):
        response = signed_in(seeker).post(
            reverse("apply_to_job", args=[job.pk]), {"resume_source": "upload", "resume": upload}
        )
    assert response.status_code == 302, response.content.decode()[:500]
    return Application.objects.get(job=job, applicant=seeker)


def body(response):
    return b"".join(response.streaming_content)


def assert_private_download(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


@pytest.fixture
def job():
    return JobFactory()


@pytest.fixture
def owner(job):
    return MembershipFactory(company=job.company).user


def test_apply_then_the_employer_downloads_the_resume_from_the_bucket(
    bucket, job, owner, django_capture_on_commit_callbacks
):
    application = apply_on_site(SeekerFactory(), job, django_capture_on_commit_callbacks)
    # In the bucket under a random name: nothing of the uploader's file name.
    [key] = bucket.keys()
    assert key == application.resume.name
    assert key.startswith("resumes/") and key.endswith(".pdf")
    assert "zelda" not in key.lower() and "cv" not in key.lower()
    assert bucket.read(key) == PDF

    response = signed_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert_private_download(response, "application/pdf")
    assert response["Content-Length"] == str(len(PDF))
    assert f'filename="resume-{application.pk}.pdf"' in response["Content-Disposition"]
    assert body(response) == PDF
    # Another company's member: the 404 of a missing id, as on the disk.
    stranger = MembershipFactory(company=CompanyFactory()).user
    assert (
        signed_in(stranger).get(reverse("application_resume", args=[application.pk])).status_code
        == 404
    )


def test_an_object_is_private_to_anonymous_requests(
    bucket, job, django_capture_on_commit_callbacks
):
    application = apply_on_site(SeekerFactory(), job, django_capture_on_commit_callbacks)
    # No public ACL: the object's plain URL, without a signature, is refused.
    response = requests.get(bucket.plain_url(application.resume.name), timeout=5)
    assert response.status_code == 403
    assert PDF not in response.content


def test_rest_apply_with_the_profile_resume_copies_it_in_the_bucket(
    bucket, job, owner, django_capture_on_commit_callbacks
):
    seeker = SeekerFactory()
    client = signed_in(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my_profile"), {"headline": "Welder", "resume": good_pdf()})
    profile = SeekerProfile.objects.get(user=seeker)
    assert bucket.keys() == [profile.resume.name]
    assert body(client.get(reverse("profile_resume"))) == PDF

    with django_capture_on_commit_callbacks(execute=True):
        response = bearer(seeker).post(
            f"/api/v1/jobs/{job.pk}/apply/", {"use_profile_resume": True}, format="json"
        )
    assert response.status_code == 201, response.content
    application = Application.objects.get(job=job)
    # The application's own copy: the profile's file may change or go.
    assert sorted(bucket.keys()) == sorted([profile.resume.name, application.resume.name])
    assert bucket.read(application.resume.name) == PDF
    # Replacing the profile's résumé deletes its old object, not the application's.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my_profile"), {"headline": "Welder", "resume": good_pdf()})
    profile.refresh_from_db()
    assert sorted(bucket.keys()) == sorted([profile.resume.name, application.resume.name])
    response = signed_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert body(response) == PDF


def test_a_logo_is_stored_and_served_from_the_bucket(bucket, django_capture_on_commit_callbacks):
    owner = EmployerFactory()
    client = signed_in(owner)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    upload = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
    data = {"name": "Acme", "website": "https://acme.example", "about": "x", "size": "11-50"}
    response = client.post(reverse("employer_company_create"), {**data, "logo": upload})
    assert response.status_code == 302
    company = Company.objects.get()
    [key] = bucket.keys()
    assert key == company.logo.name and key.startswith("logos/") and key.endswith(".webp")

    JobFactory(company=company)  # public once it has published a job
    response = Client().get(reverse("company_logo", args=[company.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert body(response) == bucket.read(key)
    assert Image.open(io.BytesIO(bucket.read(key))).format == "WEBP"
    page = Client().get(reverse("company_detail", args=[company.slug]))
    assert reverse("company_logo", args=[company.slug]) in page.content.decode()
    # Removed: the object goes once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("employer_company"), {**data, "remove_logo": "on"})
    assert bucket.keys() == []


def test_a_data_export_is_built_into_the_bucket_and_downloaded(
    bucket, job, django_capture_on_commit_callbacks
):
    seeker = SeekerFactory()
    application = apply_on_site(seeker, job, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.request_export(seeker)
    export.refresh_from_db()
    assert export.status == DataExport.Status.READY
    assert sorted(bucket.keys()) == sorted([application.resume.name, export.archive.name])
    assert export.archive.name.startswith("exports/")

    response = signed_in(seeker).get(exports.download_link(export))
    assert_private_download(response, "application/zip")
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    resumes = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert [archive.read(name) for name in resumes] == [PDF]  # streamed from the bucket into it
    assert seeker.email in archive.read("data.json").decode()

    # Expired: the object goes with the row.
    DataExport.objects.update(expires=export.created)
    with django_capture_on_commit_callbacks(execute=True):
        assert exports.delete_expired() == 1
    assert bucket.keys() == [application.resume.name]


def test_an_infected_upload_is_refused_and_nothing_reaches_the_bucket(
    bucket, scanning, job, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("cv.pdf", pdf_with_eicar(), content_type="application/pdf")
    response = signed_in(SeekerFactory()).post(
        reverse("apply_to_job", args=[job.pk]), {"resume_source": "upload", "resume": upload}
    )
    assert response.status_code == 200
    assert "contains a virus" in response.content.decode()
    assert bucket.keys() == []
    assert not Application.objects.exists()


def test_quarantine_on_s3_scans_the_object_and_deletes_the_infected_one(
    bucket, settings, closed_port, clamd_address, job, owner, django_capture_on_commit_callbacks
):
    settings.CLAMD_ADDRESS, settings.CLAMD_TIMEOUT = closed_port, 1
    settings.CLAMD_UNAVAILABLE = "quarantine"
    clean = apply_on_site(SeekerFactory(), job, django_capture_on_commit_callbacks)
    infected = apply_on_site(
        SeekerFactory(), job, django_capture_on_commit_callbacks, data=pdf_with_eicar()
    )
    assert {clean.resume_scan, infected.resume_scan} == {ScanStatus.QUARANTINED}
    assert len(bucket.keys()) == 2
    url = reverse("application_resume", args=[clean.pk])
    assert signed_in(owner).get(url).status_code == 409

    settings.CLAMD_ADDRESS = clamd_address  # back: the sweep streams each object to clamd
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_quarantine() == {"released": 1, "deleted": 1, "waiting": 0}
    assert bucket.keys() == [clean.resume.name]
    assert body(signed_in(owner).get(url)) == PDF
    infected.refresh_from_db()
    assert infected.resume_scan == ScanStatus.INFECTED and not infected.resume


def test_deleting_an_account_deletes_its_objects(bucket, job, django_capture_on_commit_callbacks):
    seeker = SeekerFactory()
    client = signed_in(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my_profile"), {"headline": "Welder", "resume": good_pdf()})
    apply_on_site(seeker, job, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        exports.request_export(seeker)
    other = apply_on_site(SeekerFactory(), JobFactory(), django_capture_on_commit_callbacks)
    assert len(bucket.keys()) == 4  # profile, application, export; someone else's

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert len(bucket.keys()) == 4  # nothing goes before the commit
    for callback in waiting:
        callback()
    assert bucket.keys() == [other.resume.name]


def test_retention_deletes_old_resumes_from_the_bucket(
    bucket, job, settings, django_capture_on_commit_callbacks
):
    old = apply_on_site(SeekerFactory(), job, django_capture_on_commit_callbacks)
    recent = apply_on_site(SeekerFactory(), JobFactory(), django_capture_on_commit_callbacks)
    settings.RETENTION_DOCUMENT_MONTHS = 6
    long_ago = timezone.now() - timedelta(days=400)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.CLOSED, updated=long_ago, expires_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.remove_old_documents() == 1
    old.refresh_from_db()
    assert not old.resume
    assert bucket.keys() == [recent.resume.name]


def test_a_large_object_is_streamed_not_held_in_memory(bucket):
    """django-storages' own S3File would download all of it first (measured: 110 MB
    of Python memory for a 52 MB object); the download reads the socket as it goes."""
    size = 20 * 1024 * 1024
    name = default_storage.save("exports/big.zip", ContentFile(os.urandom(size)))
    tracemalloc.start()
    try:
        response = private_download(
            default_storage, name, filename="big.zip", content_type="application/zip"
        )
        assert response["Content-Length"] == str(size)
        received = sum(len(chunk) for chunk in response.streaming_content)
        response.close()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert received == size
    assert peak < 4 * 1024 * 1024, f"{peak:,} bytes held"


APPLY = "mutation($job: ID!) { applyToJob(jobId: $job) { status } }"


def graphql(user, query, variables):
    response = signed_in(user).post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_graphql_apply_scans_the_profile_resume_again_from_the_bucket(
    bucket, scanning, job, django_capture_on_commit_callbacks
):
    # One stored before scanning was on (or before clamd knew the virus): the copy
    # applying makes is scanned again, its bytes streamed from the bucket to clamd.
    clean, infected = SeekerFactory(), SeekerFactory()
    for seeker, data in ((clean, PDF), (infected, pdf_with_eicar())):
        profile = SeekerProfile.objects.create(user=seeker)
        profile.resume.save("resume.pdf", ContentFile(data), save=True)

    result = graphql(infected, APPLY, {"job": str(job.pk)})
    assert "contains a virus" in str(result["errors"])
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql(clean, APPLY, {"job": str(job.pk)})
    assert result["data"]["applyToJob"]["status"] == "SUBMITTED", result
    application = Application.objects.get()
    assert application.applicant == clean and application.resume_scan == ScanStatus.CLEAN
    assert bucket.read(application.resume.name) == PDF
    assert len(bucket.keys()) == 3  # two profiles' files and the application's copy
