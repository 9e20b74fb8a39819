import threading
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from board.applications.models import Application
from board.jobs.models import Job
from board.tests import resume_files
from board.tests.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "apply-panel"}


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def apply_url(job):
    return reverse("apply_to_job", args=[job.pk])


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def job():
    return JobFactory(title="Data Engineer")


class TestApplying:
    def test_pdf_upload_creates_the_application_and_redirects(self, client, settings, seeker, job):
        client.force_login(seeker)
        response = client.post(
            apply_url(job),
            {"resume": resume_files.good_pdf(), "cover_letter": "Hello there"},
            follow=True,
        )
        assert response.redirect_chain == [(job.get_absolute_url(), 302)]
        assert "Your application was sent." in response.content.decode()
        application = Application.objects.get()
        assert (application.job, application.applicant) == (job, seeker)
        assert application.cover_letter == "Hello there"
        assert application.status == Application.Status.SUBMITTED
        # A random server-side name, the extension from the content, not "My CV (final).pdf".
        assert application.resume.name.startswith("resumes/")
        assert application.resume.name.endswith(".pdf")
        assert "CV" not in application.resume.name
        assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / application.resume.name]
        assert "Applied on" in response.content.decode()

    def test_docx_upload_is_stored_as_docx(self, client, seeker, job):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_docx()})
        assert Application.objects.get().resume.name.endswith(".docx")

    def test_a_pdf_named_docx_is_stored_by_what_it_is(self, client, seeker, job):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_pdf(name="cv.docx")})
        assert Application.objects.get().resume.name.endswith(".pdf")

    def test_htmx_success_replaces_the_panel(self, client, seeker, job):
        client.force_login(seeker)
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, **HTMX)
        html = response.content.decode()
        application = Application.objects.get()
        assert response.status_code == 200
        assert html.lstrip().startswith('<section id="apply-panel"')
        assert "<html" not in html
        assert "Applied on" in html
        assert f'href="{reverse("my_application", args=[application.pk])}"' in html

    def test_job_page_shows_the_form_to_a_verified_seeker(self, client, seeker, job):
        client.force_login(seeker)
        html = client.get(job.get_absolute_url()).content.decode()
        assert f'hx-post="{apply_url(job)}"' in html
        assert 'hx-target="#apply-panel"' in html
        assert 'enctype="multipart/form-data"' in html
        assert 'maxlength="5000"' in html
        assert 'name="resume_source"' not in html  # no profile résumé to offer

    def test_job_page_after_applying_shows_the_date(self, client):
        application = ApplicationFactory()
        client.force_login(application.applicant)
        html = client.get(application.job.get_absolute_url()).content.decode()
        assert "Applied on" in html
        assert apply_url(application.job) not in html


class TestProfileResume:
    def test_reuses_a_copy_of_the_profile_resume(self, client, settings, job):
        profile = SeekerProfileFactory(resume__data=resume_files.pdf_bytes())
        client.force_login(profile.user)
        html = client.get(job.get_absolute_url()).content.decode()
        assert 'name="resume_source"' in html
        client.post(apply_url(job), {"resume_source": "profile"})
        application = Application.objects.get()
        assert application.resume.name != profile.resume.name
        with application.resume.open("rb") as sent, profile.resume.open("rb") as kept:
            assert sent.read() == kept.read()
        assert len(stored_files(settings)) == 2

    def test_upload_chosen_needs_a_file(self, client, job):
        profile = SeekerProfileFactory()
        client.force_login(profile.user)
        response = client.post(apply_url(job), {"resume_source": "upload"})
        assert "Attach your résumé." in response.content.decode()
        assert not Application.objects.exists()

    def test_upload_chosen_uses_the_file(self, client, job):
        profile = SeekerProfileFactory()
        client.force_login(profile.user)
        client.post(apply_url(job), {"resume_source": "upload", "resume": resume_files.good_docx()})
        assert Application.objects.get().resume.name.endswith(".docx")


class TestRejectedInput:
    @pytest.mark.parametrize("kind", sorted(resume_files.DISGUISED))
    @pytest.mark.parametrize("htmx", [False, True])
    def test_disguised_files_are_refused_and_nothing_is_stored(
        self, client, settings, seeker, job, kind, htmx
    ):
        client.force_login(seeker)
        headers = HTMX if htmx else {}
        response = client.post(apply_url(job), {"resume": resume_files.disguised(kind)}, **headers)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'class="invalid-feedback' in html
        assert any(
            message in html
            for message in [
                "Upload your résumé as a PDF or a Word (.docx) document.",
                "The résumé must be 5 MB or smaller.",
                "The submitted file is empty.",
                "That file is not a PDF we can read.",
                "Documents with macros are not accepted",
            ]
        )
        assert ("<html" in html) is not htmx
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    def test_password_protected_pdf_is_refused(self, client, settings, seeker, job):
        client.force_login(seeker)
        upload = resume_files.upload(resume_files.pdf_bytes(password="secret"))
        html = client.post(apply_url(job), {"resume": upload}).content.decode()
        assert "password-protected" in html
        assert stored_files(settings) == []

    def test_two_files_in_one_field_are_refused(self, client, settings, seeker, job):
        client.force_login(seeker)
        files = [resume_files.good_pdf(), resume_files.good_docx()]
        html = client.post(apply_url(job), {"resume": files}).content.decode()
        assert "Upload one file only." in html
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    def test_no_file_at_all(self, client, seeker, job):
        client.force_login(seeker)
        html = client.post(apply_url(job), {"cover_letter": "hi"}).content.decode()
        assert "Attach your résumé." in html
        assert not Application.objects.exists()

    def test_cover_letter_over_5000_characters_is_refused(self, client, settings, seeker, job):
        client.force_login(seeker)
        data = {"resume": resume_files.good_pdf(), "cover_letter": "x" * 5001}
        html = client.post(apply_url(job), data, **HTMX).content.decode()
        assert "at most 5000 characters" in html
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    def test_cover_letter_of_exactly_5000_characters_is_fine(self, client, seeker, job):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_pdf(), "cover_letter": "x" * 5000})
        assert len(Application.objects.get().cover_letter) == 5000

    def test_protected_fields_in_the_post_are_ignored(self, client, seeker, job):
        other_job = JobFactory()
        client.force_login(seeker)
        data = {
            "resume": resume_files.good_pdf(),
            "status": "hired",
            "job": other_job.pk,
            "applicant": SeekerFactory().pk,
        }
        client.post(apply_url(job), data)
        application = Application.objects.get()
        assert (application.status, application.job, application.applicant) == (
            "submitted",
            job,
            seeker,
        )


class TestWhoAndWhere:
    @pytest.mark.parametrize(
        "job_kwargs",
        [
            {"status": Job.Status.CLOSED},
            {"status": Job.Status.EXPIRED},
            {"apply_url": "https://careers.example.com/1"},
        ],
        ids=["closed", "expired", "external"],
    )
    @pytest.mark.parametrize("htmx", [False, True])
    def test_refused_for_jobs_that_do_not_take_applications_here(
        self, client, settings, seeker, job_kwargs, htmx
    ):
        job = JobFactory(**job_kwargs)
        client.force_login(seeker)
        headers = HTMX if htmx else {}
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, **headers)
        if htmx:
            assert response.status_code == 200
            assert "<html" not in response.content.decode()
        else:
            assert response.status_code == 302
            assert response["Location"] == job.get_absolute_url()
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    def test_published_job_past_its_expiry_is_refused(self, client, seeker):
        job = JobFactory(expires_at=timezone.now() - timedelta(seconds=1))
        client.force_login(seeker)
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, follow=True)
        assert "This job is not accepting applications." in response.content.decode()
        assert not Application.objects.exists()

    @pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
    def test_unpublished_jobs_are_404(self, client, seeker, status):
        job = JobFactory(status=status, published_at=None, expires_at=None)
        client.force_login(seeker)
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()})
        assert response.status_code == 404
        assert client.post(apply_url(job), **HTMX).status_code == 404
        assert not Application.objects.exists()

    def test_missing_job_is_404(self, client, seeker):
        client.force_login(seeker)
        assert client.post(reverse("apply_to_job", args=[999999])).status_code == 404

    def test_unverified_seeker_is_told_to_verify(self, client, settings, job):
        client.force_login(SeekerFactory(verified=False))
        page = client.get(job.get_absolute_url()).content.decode()
        assert "verify your e-mail address" in page
        assert apply_url(job) not in page
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, follow=True)
        assert "Please verify your e-mail address before applying." in response.content.decode()
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    @pytest.mark.parametrize(
        "user_factory", [EmployerFactory, StaffFactory], ids=["employer", "staff"]
    )
    def test_employers_and_staff_get_a_clear_message(self, client, settings, job, user_factory):
        client.force_login(user_factory())
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Only job seeker accounts can apply." in page
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, follow=True)
        assert response.status_code == 200
        assert "Only job seeker accounts can apply." in response.content.decode()
        assert not Application.objects.exists()
        assert stored_files(settings) == []

    def test_anonymous_goes_to_login(self, client, job):
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not Application.objects.exists()

    @pytest.mark.parametrize("method", ["get", "head", "put"])
    def test_only_post(self, client, seeker, job, method):
        client.force_login(seeker)
        assert getattr(client, method)(apply_url(job)).status_code == 405


class TestOneApplicationPerJob:
    def test_second_submit_says_already_applied(self, client, settings, seeker, job):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_pdf()})
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, follow=True)
        assert "You already applied to this job." in response.content.decode()
        assert Application.objects.count() == 1
        assert len(stored_files(settings)) == 1

    def test_second_submit_by_htmx_shows_the_applied_panel(self, client, seeker, job):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_pdf()}, **HTMX)
        html = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, **HTMX).text
        assert "You already applied to this job." in html
        assert "Applied on" in html
        assert Application.objects.count() == 1

    @pytest.mark.parametrize("htmx", [False, True])
    def test_losing_the_race_is_friendly_and_leaves_no_file(
        self, client, settings, seeker, job, htmx
    ):
        # Another request inserted between this one's check and its insert:
        # the check passes, the database constraint refuses the row.
        existing = ApplicationFactory(job=job, applicant=seeker)
        client.force_login(seeker)
        headers = HTMX if htmx else {}
        with mock.patch("board.web.seeker.apply_state", return_value="open"):
            response = client.post(
                apply_url(job), {"resume": resume_files.good_pdf()}, follow=True, **headers
            )
        assert response.status_code == 200
        assert "You already applied to this job." in response.content.decode()
        assert list(Application.objects.all()) == [existing]
        assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / existing.resume.name]


class TestApplyingAgainAfterWithdrawing:
    @pytest.fixture
    def withdrawn(self, seeker, job):
        application = ApplicationFactory(job=job, applicant=seeker, status="reviewing")
        application.withdraw()
        return application

    def test_job_page_shows_the_withdrawal_and_the_form_again(self, client, seeker, withdrawn):
        # The date of the withdrawal on its timeline, even if the row was edited later.
        event = withdrawn.events.get()
        later = event.created + timedelta(days=40)
        Application.objects.filter(pk=withdrawn.pk).update(updated=later)
        client.force_login(seeker)
        html = client.get(withdrawn.job.get_absolute_url()).content.decode()
        day = timezone.localtime(event.created).strftime("%-d %B %Y")
        assert "You withdrew your application on <time" in html
        assert f">{day}</time>" in html
        assert reverse("my_application", args=[withdrawn.pk]) in html
        assert f'hx-post="{apply_url(withdrawn.job)}"' in html
        assert "Applied on" not in html

    def test_a_closed_job_shows_the_withdrawal_without_a_form(self, client, seeker, withdrawn):
        Job.objects.filter(pk=withdrawn.job_id).update(status=Job.Status.CLOSED)
        client.force_login(seeker)
        html = client.get(withdrawn.job.get_absolute_url()).content.decode()
        assert "You withdrew your application on" in html
        assert "This job is not accepting applications." in html
        assert apply_url(withdrawn.job) not in html

    @pytest.mark.parametrize("htmx", [False, True])
    def test_applying_again_makes_a_new_application(self, client, seeker, job, withdrawn, htmx):
        client.force_login(seeker)
        headers = HTMX if htmx else {}
        response = client.post(
            apply_url(job), {"resume": resume_files.good_pdf()}, follow=True, **headers
        )
        html = response.content.decode()
        new = Application.objects.exclude(pk=withdrawn.pk).get()
        assert (new.job, new.applicant, new.status) == (job, seeker, "submitted")
        assert "Applied on" in html
        assert "You withdrew" not in html
        assert reverse("my_application", args=[new.pk]) in html
        # The withdrawn one is untouched: still withdrawn, same timeline.
        withdrawn.refresh_from_db()
        assert withdrawn.status == "withdrawn"
        assert list(withdrawn.events.values_list("to_status", flat=True)) == ["withdrawn"]

    def test_a_second_active_application_is_refused(self, client, settings, seeker, job, withdrawn):
        client.force_login(seeker)
        client.post(apply_url(job), {"resume": resume_files.good_pdf()})
        response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, follow=True)
        assert "You already applied to this job." in response.content.decode()
        assert Application.objects.active().count() == 1
        assert Application.objects.count() == 2

    def test_losing_the_race_after_a_withdrawal_is_friendly(self, client, seeker, job, withdrawn):
        winner = ApplicationFactory(job=job, applicant=seeker)
        client.force_login(seeker)
        with mock.patch("board.web.seeker.apply_state", return_value="open"):
            response = client.post(apply_url(job), {"resume": resume_files.good_pdf()}, **HTMX)
        assert "You already applied to this job." in response.content.decode()
        assert reverse("my_application", args=[winner.pk]) in response.content.decode()
        assert set(Application.objects.all()) == {withdrawn, winner}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("withdrawn_before", [False, True], ids=["first", "after-withdrawing"])
def test_concurrent_submits_make_exactly_one_row(settings, seeker, job, withdrawn_before):
    from board.applications.forms import ApplicationForm

    if withdrawn_before:
        ApplicationFactory(job=job, applicant=seeker).withdraw()
    settings.ALLOWED_HOSTS = ["testserver"]
    barrier = threading.Barrier(2, timeout=10)
    original_clean = ApplicationForm.clean

    def clean_then_wait(form):
        cleaned = original_clean(form)
        barrier.wait()  # both requests have passed every check before either inserts
        return cleaned

    results = []

    def submit():
        try:
            browser = Client()
            browser.force_login(seeker)
            response = browser.post(apply_url(job), {"resume": resume_files.good_pdf()})
            page = browser.get(response["Location"]).content.decode()
            told = "Your application was sent." if "application was sent" in page else ""
            told = told or ("You already applied to this job." if "already applied" in page else "")
            results.append((response.status_code, told))
        finally:
            connection.close()

    with mock.patch.object(ApplicationForm, "clean", clean_then_wait):
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    # One wins; the other is told so in words, never an error.
    assert sorted(results) == [
        (302, "You already applied to this job."),
        (302, "Your application was sent."),
    ]
    assert Application.objects.active().count() == 1
    assert Application.objects.count() == 1 + withdrawn_before
    assert len(stored_files(settings)) == 1 + withdrawn_before
