import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.jobs.maintenance import (
    expire_jobs,
    job_from_renew_token,
    remind_expiring_jobs,
    renew_path,
)
from board.jobs.models import Job
from board.notifications.models import Notification
from board.tests.factories import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db


def _job(expires_in, **fields):
    now = timezone.now()
    return JobFactory(
        published_at=now - timedelta(days=10),
        expires_at=now + expires_in,
        posted_by=EmployerFactory(),
        **fields,
    )


def test_expire_marks_overdue_jobs_only():
    overdue = _job(timedelta(hours=-1))
    live = _job(timedelta(days=5))
    assert expire_jobs() == 1
    overdue.refresh_from_db()
    live.refresh_from_db()
    assert (overdue.status, live.status) == ("expired", "published")
    assert expire_jobs() == 0


def test_expire_command(capsys):
    _job(timedelta(hours=-1))
    call_command("expire_jobs")
    assert "Expired 1 jobs." in capsys.readouterr().out
    assert Job.objects.filter(status="expired").count() == 1


class TestReminders:
    def test_one_reminder_per_listing_period(self, django_capture_on_commit_callbacks, settings):
        settings.SITE_URL = "https://jobs.example.com"
        soon = _job(timedelta(days=2))
        _job(timedelta(days=10))  # not yet
        _job(timedelta(days=2), status="closed")  # not live
        with django_capture_on_commit_callbacks(execute=True):
            assert remind_expiring_jobs() == 1
            assert remind_expiring_jobs() == 0
        assert [m.to for m in mail.outbox] == [[soon.posted_by.email]]
        # The token is signed with the time it was made: check what the mailed one
        # names, not that it equals one made now (a second later it would differ).
        link = re.search(r"https://jobs\.example\.com/jobs/renew/([^/\s]+)/", mail.outbox[0].body)
        assert link, mail.outbox[0].body
        assert job_from_renew_token(link.group(1)) == soon
        # After a renewal, the next period gets its own reminder.
        soon.renew()
        soon.expires_at = timezone.now() + timedelta(days=1)
        soon.save(update_fields=["expires_at"])
        assert remind_expiring_jobs() == 1

    def test_reminder_for_a_job_closed_meanwhile_sends_nothing(
        self, django_capture_on_commit_callbacks
    ):
        job = _job(timedelta(days=2))
        remind_expiring_jobs()
        job.close()
        from board.notifications.outbox import deliver

        deliver(Notification.objects.get().pk)
        assert mail.outbox == []


class TestRenewLink:
    def test_get_confirms_and_post_renews_without_login(self, client):
        job = _job(timedelta(days=2))
        url = renew_path(job)
        old_expiry = job.expires_at
        assert "Renew for 30 days" in client.get(url).content.decode()
        job.refresh_from_db()
        assert job.expires_at == old_expiry  # a GET changes nothing
        client.post(url)
        job.refresh_from_db()
        assert job.expires_at == old_expiry + timedelta(days=30)

    def test_link_is_single_use_per_period(self, client):
        job = _job(timedelta(days=2))
        url = renew_path(job)
        client.post(url)
        assert client.post(url).status_code == 404
        job.refresh_from_db()
        assert job.expires_at < timezone.now() + timedelta(days=33)

    def test_forged_or_tampered_links_are_404(self, client):
        job = _job(timedelta(days=2))
        token = renew_path(job).split("/")[-2]
        for bad in ["nope", token[:-2] + "xx"]:
            assert client.get(reverse("renew_job_by_link", args=[bad])).status_code == 404

    def test_closed_job_is_not_renewed(self, client):
        job = _job(timedelta(days=2))
        url = renew_path(job)
        job.close()
        client.post(url)
        job.refresh_from_db()
        assert job.status == "closed"
