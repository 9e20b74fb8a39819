"""Retention: documents removed months after the job closed, inactive accounts
noticed then deleted; each run idempotent, on SQLite and PostgreSQL."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from board.accounts.models import User
from board.applications.models import Application
from board.jobs.models import Job
from board.notifications.models import Notification
from board.privacy import retention
from board.tests.factories import (
    PASSWORD,
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def closed_job(months_ago, status=Job.Status.CLOSED):
    job = JobFactory()
    closed_at = retention.months_before(NOW, months_ago)
    # closing saves `updated`; update() keeps our date (save() would stamp now).
    Job.objects.filter(pk=job.pk).update(
        status=status, updated=closed_at, expires_at=closed_at + timedelta(days=10)
    )
    return job


def stored(application, settings):
    return (Path(settings.MEDIA_ROOT) / application.resume.name).exists()


class TestDocuments:
    def test_months_before_keeps_the_calendar(self):
        march_31 = NOW.replace(year=2026, month=3, day=31)
        assert retention.months_before(march_31, 1).date().isoformat() == "2026-02-28"
        assert retention.months_before(march_31, 15).date().isoformat() == "2024-12-31"

    def test_removed_after_the_job_closed_then_nothing_more(
        self, settings, django_capture_on_commit_callbacks
    ):
        settings.RETENTION_DOCUMENT_MONTHS = 6
        old = ApplicationFactory(job=closed_job(7), cover_letter="Dear team")
        expired = ApplicationFactory(job=closed_job(8, Job.Status.EXPIRED))
        recent = ApplicationFactory(job=closed_job(5), cover_letter="Keep")
        open_job = ApplicationFactory(cover_letter="Keep")
        file_name = old.resume.name
        assert stored(old, settings)

        with django_capture_on_commit_callbacks(execute=True):
            assert retention.remove_old_documents(NOW) == 2
        old.refresh_from_db()
        assert (old.resume.name, old.cover_letter) == ("", "")
        assert old.documents_removed_at == NOW
        assert not (Path(settings.MEDIA_ROOT) / file_name).exists()
        assert Application.objects.get(pk=expired.pk).documents_removed_at == NOW
        for kept in (recent, open_job):
            kept.refresh_from_db()
            assert kept.resume and kept.cover_letter == "Keep" and not kept.documents_removed_at
            assert stored(kept, settings)

        # Twice: nothing more, and the date stays the first run's.
        assert retention.remove_old_documents(NOW + timedelta(days=1)) == 0
        assert Application.objects.get(pk=old.pk).documents_removed_at == NOW

    def test_batches(self, settings):
        job = closed_job(12)
        ApplicationFactory.create_batch(5, job=job)
        assert retention.remove_old_documents(NOW, size=2) == 5
        assert not retention.documents_due(NOW).exists()

    def test_the_pipeline_and_the_seeker_see_the_date(self, client, company, employer):
        job = closed_job(9)
        Job.objects.filter(pk=job.pk).update(company=company)
        application = ApplicationFactory(job=job)
        retention.remove_old_documents(NOW)
        client.force_login(employer)
        page = client.get(reverse("employer_applicants", args=[job.pk])).content.decode()
        assert "Résumé and cover letter removed on" in page
        assert application.applicant.display_name in page  # the person is still there
        client.force_login(application.applicant)
        mine = client.get(reverse("my_application", args=[application.pk])).content.decode()
        assert "Résumé and cover letter removed on" in mine


def inactive(days, **kwargs):
    user = SeekerFactory(**kwargs)
    User.objects.filter(pk=user.pk).update(last_login=NOW - timedelta(days=days))
    return user


class TestInactiveAccounts:
    @pytest.fixture(autouse=True)
    def _periods(self, settings):
        settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 730
        settings.RETENTION_NOTICE_DAYS = 30

    def test_notice_once_then_deletion(self, django_capture_on_commit_callbacks):
        user = inactive(701, email="sleepy@example.com")
        active = inactive(690)
        staff = StaffFactory()
        User.objects.filter(pk=staff.pk).update(last_login=NOW - timedelta(days=2000))

        with django_capture_on_commit_callbacks(execute=True):
            assert retention.send_inactivity_notices(NOW) == 1
        [notice] = mail.outbox
        assert notice.to == ["sleepy@example.com"]
        assert "sign in" in notice.subject.lower()
        assert User.objects.get(pk=user.pk).inactivity_notice_at == NOW
        # Twice: no second notice.
        assert retention.send_inactivity_notices(NOW + timedelta(days=1)) == 0
        # Not yet: the notice is 29 days old.
        assert retention.erase_inactive_accounts(NOW + timedelta(days=29)) == 0

        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert retention.erase_inactive_accounts(NOW + timedelta(days=30)) == 1
        assert not User.objects.filter(pk=user.pk).exists()
        assert [m.to for m in mail.outbox] == [["sleepy@example.com"]]
        assert "long time" in mail.outbox[0].body
        assert User.objects.filter(pk__in=[active.pk, staff.pk]).count() == 2
        assert retention.erase_inactive_accounts(NOW + timedelta(days=31)) == 0
        assert not Notification.objects.filter(payload__isnull=False).exists()

    def test_signing_in_cancels_the_notice(self):
        user = inactive(701)
        retention.send_inactivity_notices(NOW)
        # A real sign-in: Django's user_logged_in moves last_login.
        assert Client().login(email=user.email, password=PASSWORD)
        assert retention.erase_inactive_accounts(timezone.now() + timedelta(days=31)) == 0
        assert User.objects.filter(pk=user.pk).exists()
        # The next notice run forgets the cancelled notice, and sends none yet.
        assert retention.send_inactivity_notices(timezone.now()) == 0
        assert User.objects.get(pk=user.pk).inactivity_notice_at is None

    def test_an_account_that_never_signed_in_counts_from_sign_up(self):
        user = SeekerFactory()
        User.objects.filter(pk=user.pk).update(date_joined=NOW - timedelta(days=800))
        assert retention.send_inactivity_notices(NOW) == 1

    def test_last_owner_is_noticed_but_kept(self, company):
        owner = MembershipFactory(company=company).user
        User.objects.filter(pk=owner.pk).update(last_login=NOW - timedelta(days=900))
        assert retention.send_inactivity_notices(NOW) == 1
        assert retention.erase_inactive_accounts(NOW + timedelta(days=40)) == 0
        assert User.objects.filter(pk=owner.pk).exists()

    def test_the_command(self, capsys):
        inactive(701)
        ApplicationFactory(job=closed_job(7))
        call_command("apply_retention")
        out = capsys.readouterr().out
        assert "documents removed from 1 applications, 1 inactivity notices sent" in out
