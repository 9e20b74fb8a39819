"""Tasks on a real Celery worker (another process) through a real broker, on PostgreSQL.

Each test runs over every broker in conftest.BROKERS (Redis and RabbitMQ): the test process
enqueues as production does (notify → on_commit → deliver_notification.delay), and the worker
reads the test database and writes e-mail into a folder (EMAIL_URL=file://…).
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.applications.models import Application
from board.jobs.models import Job
from board.jobs.tasks import expire_overdue_jobs
from board.notifications.models import Notification
from board.tests import resume_files
from board.tests.factories import EmployerFactory, JobFactory, MembershipFactory, SeekerFactory

pytestmark = pytest.mark.integration


def apply(client, job):
    client.force_login(SeekerFactory())
    response = client.post(
        reverse("apply_to_job", args=[job.pk]), {"resume": resume_files.good_pdf()}, follow=True
    )
    assert response.status_code == 200
    assert "Your application was sent." in response.text
    return Application.objects.get(job=job)


def test_an_application_mails_the_employer_through_the_worker(client, celery_worker, wait_for):
    worker = celery_worker()
    job = JobFactory(title="Rocket Scientist")
    MembershipFactory(company=job.company, user=EmployerFactory(email="owner@acme.example"))
    application = apply(client, job)
    notification = Notification.objects.get(kind="new_application", object_id=application.pk)

    # The company's notice and the applicant's receipt, each its own task.
    mails = wait_for(
        lambda: len(worker.mails()) >= 2 and worker.mails(), "both e-mails", worker=worker
    )
    [notice] = [mail for mail in mails if "To: owner@acme.example" in mail]
    assert "Subject: [Nexus Jobs] New application for Rocket Scientist" in notice
    [receipt] = [mail for mail in mails if mail is not notice]
    assert "Subject: [Nexus Jobs] We sent your application for Rocket Scientist" in receipt
    assert len(mails) == 2
    sent = wait_for(
        lambda: Notification.objects.get(pk=notification.pk).sent_at, "sent_at", worker=worker
    )
    assert sent is not None


def test_the_hourly_expiry_task_expires_overdue_jobs_on_the_worker(celery_worker, wait_for):
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert len(schedule["board.jobs.tasks.expire_overdue_jobs"]["schedule"].hour) == 24  # hourly
    worker = celery_worker()
    now = timezone.now()
    overdue = JobFactory(published_at=now - timedelta(days=31), expires_at=now - timedelta(hours=1))
    live = JobFactory()

    expire_overdue_jobs.delay()

    wait_for(
        lambda: Job.objects.get(pk=overdue.pk).status == Job.Status.EXPIRED,
        "the overdue job to expire",
        worker=worker,
    )
    assert Job.objects.get(pk=live.pk).status == Job.Status.PUBLISHED


def test_with_the_mail_server_down_the_application_stands_and_is_mailed_later(
    client, celery_worker, wait_for, mailoutbox
):
    worker = celery_worker(email_url="smtp://127.0.0.1:1?timeout=2")
    job = JobFactory(title="Rocket Scientist")
    MembershipFactory(company=job.company)
    application = apply(client, job)
    pending = Notification.objects.filter(object_id=application.pk)

    failed = wait_for(
        lambda: pending.filter(attempts__gte=1).first(), "the failed attempt", worker=worker
    )
    assert failed.sent_at is None
    assert failed.last_error.startswith("ConnectionRefusedError")
    # The worker keeps the task and retries with backoff (notifications.tasks.RETRY_DELAYS).
    wait_for(lambda: "Retry in 30s" in worker.log_tail(200), "the retry", worker=worker)

    # The mail server is back (this process sends to memory): the sweeper that beat runs
    # every few minutes, or cron as `send_pending_notifications`, delivers it.
    pending.update(created=timezone.now() - timedelta(minutes=5))
    call_command("send_pending_notifications")
    assert not pending.filter(sent_at=None).exists()
    assert sorted(m.subject for m in mailoutbox) == [
        "[Nexus Jobs] New application for Rocket Scientist",
        "[Nexus Jobs] We sent your application for Rocket Scientist",
    ]
