"""Every upload path scans with the real clamd: an infected file is refused with the
same words on the site, in REST and in GraphQL, and nothing is stored; a scanner
that does not answer refuses the upload ("try again in a minute")."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.companies.models import Company
from board.scanning.uploads import SCANNER_DOWN, ScanStatus
from board.tests.api.conftest import bearer
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)
from board.tests.resume_files import png_bytes
from board.tests.scanning.files import clean_pdf, eicar

pytestmark = pytest.mark.django_db

VIRUS = "This file contains a virus (Eicar-Signature"
NOT_ACCEPTED = ") and was not accepted."
GRAPHQL_APPLY = """mutation($job: ID!) { applyToJob(jobId: $job) { status } }"""


def eicar_upload(name="cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, eicar(), content_type=content_type)


def pdf_upload():
    return SimpleUploadedFile("cv.pdf", clean_pdf(), content_type="application/pdf")


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_virus_message(messages):
    assert any(m.startswith(VIRUS) and m.endswith(NOT_ACCEPTED) for m in messages), messages


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def job():
    return JobFactory()


def site_apply(seeker, job, upload):
    client = Client()
    client.force_login(seeker)
    return client.post(reverse("apply_to_job", args=[job.pk]), {"resume": upload})


# The site's apply form


def test_site_accepts_a_clean_pdf_as_scanned(scanning, seeker, job):
    site_apply(seeker, job, pdf_upload())
    application = Application.objects.get()
    assert application.resume_scan == ScanStatus.CLEAN


def test_site_refuses_eicar_and_stores_nothing(scanning, seeker, job):
    response = site_apply(seeker, job, eicar_upload())
    assert response.status_code == 200
    assert_virus_message(response.context["form"].errors["resume"])
    assert "This file contains a virus (Eicar-Signature" in response.content.decode()
    assert not Application.objects.exists()
    assert stored_files() == []


def test_site_refuses_when_the_scanner_is_down(scanner_down, seeker, job):
    response = site_apply(seeker, job, pdf_upload())
    assert response.context["form"].errors["resume"] == [SCANNER_DOWN]
    assert not Application.objects.exists()
    assert stored_files() == []


def test_the_quick_start_stores_files_unscanned(settings, seeker, job):
    settings.CLAMD_ADDRESS = ""
    site_apply(seeker, job, pdf_upload())
    assert Application.objects.get().resume_scan == ScanStatus.UNSCANNED


def test_profile_resume_upload_refuses_eicar(scanning, seeker):
    client = Client()
    client.force_login(seeker)
    response = client.post(reverse("my_profile"), {"headline": "Dev", "resume": eicar_upload()})
    assert_virus_message(response.context["form"].errors["resume"])
    assert not SeekerProfile.objects.filter(user=seeker).exclude(resume="").exists()
    assert stored_files() == []


def test_profile_resume_upload_records_the_clean_scan(scanning, seeker):
    client = Client()
    client.force_login(seeker)
    client.post(reverse("my_profile"), {"headline": "Dev", "resume": pdf_upload()})
    assert SeekerProfile.objects.get(user=seeker).resume_scan == ScanStatus.CLEAN


# REST


def rest_apply(seeker, job, upload):
    url = reverse("api_apply", args=[job.pk])
    return bearer(seeker).post(url, {"resume": upload}, format="multipart")


def test_rest_refuses_eicar_with_the_same_message(scanning, seeker, job):
    response = rest_apply(seeker, job, eicar_upload())
    assert response.status_code == 400
    assert_virus_message(response.json()["resume"])
    assert not Application.objects.exists()
    assert stored_files() == []


def test_rest_answers_503_when_the_scanner_is_down(scanner_down, seeker, job):
    response = rest_apply(seeker, job, pdf_upload())
    assert response.status_code == 503
    assert response.json() == {"detail": SCANNER_DOWN}
    assert not Application.objects.exists()


def test_rest_accepts_a_clean_pdf(scanning, seeker, job):
    assert rest_apply(seeker, job, pdf_upload()).status_code == 201
    assert Application.objects.get().resume_scan == ScanStatus.CLEAN


# GraphQL sends the profile's résumé, scanned again as it is sent: it may have
# been stored before scanning was on, or before clamd knew the virus.


def profile_holding(seeker, data):
    profile = SeekerProfileFactory(user=seeker, resume=None)
    profile.resume.save("resume.pdf", ContentFile(data))
    return profile


def graphql_apply(seeker, job):
    client = Client()
    client.force_login(seeker)
    body = {"query": GRAPHQL_APPLY, "variables": {"job": str(job.pk)}}
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_graphql_refuses_a_profile_resume_holding_eicar(scanning, seeker, job):
    profile_holding(seeker, eicar())
    result = graphql_apply(seeker, job)
    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert_virus_message(error["extensions"]["fields"]["resume_source"])
    assert not Application.objects.exists()


def test_graphql_applies_with_a_clean_profile_resume(scanning, seeker, job):
    profile_holding(seeker, clean_pdf())
    result = graphql_apply(seeker, job)
    assert "errors" not in result, result
    assert Application.objects.get().resume_scan == ScanStatus.CLEAN


def test_graphql_says_unavailable_when_the_scanner_is_down(scanner_down, seeker, job):
    profile_holding(seeker, clean_pdf())
    error = graphql_apply(seeker, job)["errors"][0]
    assert error["message"] == SCANNER_DOWN
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert not Application.objects.exists()


def test_rest_with_the_profile_resume_is_scanned_too(scanning, seeker, job):
    profile_holding(seeker, eicar())
    url = reverse("api_apply", args=[job.pk])
    response = bearer(seeker).post(url, {"use_profile_resume": True}, format="json")
    assert response.status_code == 400
    assert_virus_message(response.json()["use_profile_resume"])


# Logos: scanned before Pillow opens them


def logo_data(upload):
    return {"name": "Acme Health", "website": "https://acme.example", "logo": upload}


def test_company_logo_refuses_eicar(scanning):
    client = Client()
    client.force_login(EmployerFactory())
    upload = SimpleUploadedFile("logo.png", eicar(), content_type="image/png")
    response = client.post(reverse("employer_company_create"), logo_data(upload))
    assert_virus_message(response.context["form"].errors["logo"])
    assert not Company.objects.exists()
    assert stored_files() == []


def test_company_logo_edit_refuses_eicar_and_keeps_the_old_logo(scanning):
    company = CompanyFactory()
    owner = MembershipFactory(company=company).user
    client = Client()
    client.force_login(owner)
    client.post(reverse("employer_company"), logo_data(SimpleUploadedFile("a.png", png_bytes())))
    company.refresh_from_db()
    kept = company.logo.name
    assert company.logo_scan == ScanStatus.CLEAN
    upload = SimpleUploadedFile("logo.png", eicar(), content_type="image/png")
    response = client.post(reverse("employer_company"), logo_data(upload))
    assert_virus_message(response.context["form"].errors["logo"])
    company.refresh_from_db()
    assert company.logo.name == kept


def test_company_logo_refused_when_the_scanner_is_down(scanner_down):
    client = Client()
    client.force_login(EmployerFactory())
    upload = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("employer_company_create"), logo_data(upload))
    assert response.context["form"].errors["logo"] == [SCANNER_DOWN]
    assert not Company.objects.exists()


def test_admin_logo_upload_refuses_eicar(scanning):
    company = CompanyFactory()
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:board_company_change", args=[company.pk])
    data = {
        "name": company.name,
        "slug": company.slug,
        "logo": SimpleUploadedFile("logo.png", eicar(), content_type="image/png"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert_virus_message(response.context["adminform"].form.errors["logo"])
    company.refresh_from_db()
    assert not company.logo


def test_admin_resume_upload_refuses_eicar(scanning):
    from board.tests.factories import ApplicationFactory

    application = ApplicationFactory()
    kept = application.resume.name
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("admin:board_application_change", args=[application.pk])
    page = client.get(url)
    assert "Scanned" in page.text or "Not scanned" in page.text  # the status, read-only
    data = {
        "cover_letter": "",
        "resume": eicar_upload(),
        **{
            f"{prefix}-{key}": "0"
            for prefix in ("events", "notes", "answers")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert_virus_message(response.context["adminform"].form.errors["resume"])
    application.refresh_from_db()
    assert application.resume.name == kept
