"""CLAMD_UNAVAILABLE=quarantine: with the scanner down, uploads are accepted but not
served; the periodic scan (board/quarantine/sweep.py) releases the clean ones once
clamd answers, and deletes the infected ones and tells their owners."""

import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.applications.resume_links import resume_link
from board.companies.models import Company
from board.notifications.models import Notification
from board.quarantine.sweep import run
from board.scanning.uploads import ScanStatus
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
)
from board.tests.resume_files import png_bytes
from board.tests.scanning.files import clean_pdf, eicar, pdf_with_eicar

pytestmark = pytest.mark.django_db

WAITING = "This file is waiting for its virus scan; please try again later."


@pytest.fixture
def quarantine(settings, closed_port, clamd_address):
    """Scanner down, uploads held; `quarantine.scanner_back()` points at the real clamd."""
    settings.CLAMD_ADDRESS = closed_port
    settings.CLAMD_TIMEOUT = 1
    settings.CLAMD_UNAVAILABLE = "quarantine"

    class Quarantine:
        @staticmethod
        def scanner_back():
            settings.CLAMD_ADDRESS = clamd_address

    return Quarantine


@pytest.fixture
def job():
    return JobFactory()


@pytest.fixture
def owner(job):
    return MembershipFactory(company=job.company).user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def apply_with(seeker, job, data, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("cv.pdf", data, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(seeker).post(reverse("apply_to_job", args=[job.pk]), {"resume": upload})
    return Application.objects.get(applicant=seeker)


def test_accepted_but_not_served_then_released(
    quarantine, job, owner, django_capture_on_commit_callbacks
):
    seeker = SeekerFactory()
    application = apply_with(seeker, job, clean_pdf(), django_capture_on_commit_callbacks)
    assert application.resume_scan == ScanStatus.QUARANTINED
    url = reverse("application_resume", args=[application.pk])
    for reader in (seeker, owner):
        response = logged_in(reader).get(url)
        assert response.status_code == 409
        assert response.content.decode() == WAITING
        assert "Content-Disposition" not in response
    # The API's signed link refuses it too.
    api_response = logged_in(owner).get(resume_link(application, owner))
    assert api_response.status_code == 409

    assert run()["waiting"] == 1  # still down: nothing changes
    assert Application.objects.get().resume_scan == ScanStatus.QUARANTINED

    quarantine.scanner_back()
    assert run() == {"released": 1, "deleted": 0, "waiting": 0}
    assert Application.objects.get().resume_scan == ScanStatus.CLEAN
    response = logged_in(owner).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == clean_pdf()


def test_infected_application_resume_is_deleted_and_the_applicant_told(
    quarantine, job, owner, django_capture_on_commit_callbacks, mailoutbox
):
    seeker = SeekerFactory()
    application = apply_with(seeker, job, pdf_with_eicar(), django_capture_on_commit_callbacks)
    stored = application.resume.name
    assert application.resume.storage.exists(stored)
    mail.outbox.clear()

    quarantine.scanner_back()
    with django_capture_on_commit_callbacks(execute=True):
        assert run()["deleted"] == 1
    application.refresh_from_db()
    assert application.resume_scan == ScanStatus.INFECTED
    assert not application.resume
    assert not application.resume.storage.exists(stored)
    assert Notification.objects.filter(
        kind=Notification.Kind.INFECTED_APPLICATION, object_id=application.pk
    ).exists()
    [message] = mailoutbox
    assert message.to == [seeker.email]
    assert "contained a virus and was deleted" in message.subject
    assert job.title in message.body
    response = logged_in(owner).get(reverse("application_resume", args=[application.pk]))
    assert response.status_code == 409
    assert response.content.decode() == "This file contained a virus and was deleted."


def test_profile_resume_in_quarantine(quarantine, django_capture_on_commit_callbacks, mailoutbox):
    seeker = SeekerFactory()
    upload = SimpleUploadedFile("cv.pdf", pdf_with_eicar(), content_type="application/pdf")
    logged_in(seeker).post(reverse("my_profile"), {"headline": "Dev", "resume": upload})
    profile = SeekerProfile.objects.get(user=seeker)
    assert profile.resume_scan == ScanStatus.QUARANTINED
    response = logged_in(seeker).get(reverse("profile_resume"))
    assert response.status_code == 409

    quarantine.scanner_back()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    profile.refresh_from_db()
    assert not profile.resume and profile.resume_scan == ScanStatus.INFECTED
    [message] = mailoutbox
    assert message.to == [seeker.email] and "profile" in message.body


def test_applying_with_a_quarantined_profile_resume_keeps_it_held(quarantine):
    seeker = SeekerFactory()
    profile = SeekerProfileFactory(user=seeker, resume=None, resume_scan=ScanStatus.QUARANTINED)
    profile.resume.save("resume.pdf", ContentFile(clean_pdf()))
    job = JobFactory()
    url = reverse("apply_to_job", args=[job.pk])
    logged_in(seeker).post(url, {"resume_source": "profile"})
    assert Application.objects.get().resume_scan == ScanStatus.QUARANTINED


def test_logo_in_quarantine_is_hidden_then_shown(quarantine):
    company = CompanyFactory()
    JobFactory(company=company)  # a public company
    client = logged_in(MembershipFactory(company=company).user)
    data = {"name": company.name, "logo": SimpleUploadedFile("l.png", png_bytes())}
    client.post(reverse("employer_company"), data)
    company.refresh_from_db()
    assert company.logo and company.logo_scan == ScanStatus.QUARANTINED
    logo_url = reverse("company_logo", args=[company.slug])
    assert Client().get(logo_url).status_code == 404
    assert logo_url not in Client().get(company.get_absolute_url()).content.decode()
    api = Client().get(reverse("api_company", args=[company.slug])).json()
    assert api["logo_url"] is None

    quarantine.scanner_back()
    assert run()["released"] == 1
    assert Client().get(logo_url).status_code == 200
    assert logo_url in Client().get(company.get_absolute_url()).content.decode()


def test_infected_logo_is_deleted_and_the_owners_told(
    quarantine, django_capture_on_commit_callbacks, mailoutbox
):
    # Re-encoding leaves no virus in a stored logo; a file put there some other
    # way (an older release, a restored backup) is what this guards against.
    company = CompanyFactory(logo_scan=ScanStatus.QUARANTINED)
    company.logo.save("x.webp", ContentFile(eicar()))
    owner = MembershipFactory(company=company).user
    MembershipFactory(company=company, user=EmployerFactory(), role="recruiter")
    quarantine.scanner_back()
    with django_capture_on_commit_callbacks(execute=True):
        assert run()["deleted"] == 1
    company = Company.objects.get()
    assert not company.logo and company.logo_scan == ScanStatus.INFECTED
    assert [m.to for m in mailoutbox] == [[owner.email]]


def test_the_command_reports_what_it_did(quarantine):
    company = CompanyFactory(logo_scan=ScanStatus.QUARANTINED)
    company.logo.save("x.webp", ContentFile(png_bytes()))
    out = StringIO()
    call_command("scan_quarantine", stdout=out)
    assert out.getvalue().strip() == "0 released, 0 deleted, 1 still waiting."
    quarantine.scanner_back()
    out = StringIO()
    call_command("scan_quarantine", stdout=out)
    assert out.getvalue().strip() == "1 released, 0 deleted, 0 still waiting."


def test_nothing_is_scanned_when_scanning_is_off(settings):
    company = CompanyFactory(logo_scan=ScanStatus.QUARANTINED)
    company.logo.save("x.webp", ContentFile(png_bytes()))
    settings.CLAMD_ADDRESS = ""
    assert run() == {"released": 0, "deleted": 0, "waiting": 0}
    assert Company.objects.get().logo_scan == ScanStatus.QUARANTINED


def test_the_beat_schedule_runs_it(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["scan-quarantine"]
    assert entry["task"] == "board.quarantine.tasks.scan_quarantine"
    from board.quarantine.tasks import scan_quarantine

    assert scan_quarantine.name == entry["task"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_row_another_transaction_holds_is_skipped_then_released(quarantine):
    held, free = (CompanyFactory(logo_scan=ScanStatus.QUARANTINED) for _ in range(2))
    for company in (held, free):
        company.logo.save("x.webp", ContentFile(png_bytes()))
    quarantine.scanner_back()
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Company.objects.select_for_update().filter(pk=held.pk).exists()
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold_the_row)
    thread.start()
    assert locked.wait(10)
    try:
        # Does not wait for the held row: the next run takes it.
        assert run() == {"released": 1, "deleted": 0, "waiting": 1}
    finally:
        release.set()
        thread.join()
    assert Company.objects.get(pk=held.pk).logo_scan == ScanStatus.QUARANTINED
    assert run() == {"released": 1, "deleted": 0, "waiting": 0}
