"""The retention runs against PostgreSQL with a row locked by another transaction:
the run skips that row (SKIP LOCKED), processes the others without waiting, and
takes the row on its next run. Two runs at once never process a row twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from board.accounts.models import User
from board.applications.models import Application
from board.jobs.models import Job
from board.privacy import retention
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


class RowHeld:
    """Another connection (a thread) holding SELECT ... FOR UPDATE on one row
    until the block ends."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.locked, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with transaction.atomic():
                list(self.queryset.select_for_update())
                self.locked.set()
                self.release.wait(timeout=30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(timeout=10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=10)


def old_closed_job():
    job = JobFactory()
    closed = timezone.now() - timedelta(days=400)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CLOSED, updated=closed)
    return job


def test_documents_skip_the_locked_row_then_take_it_next_run():
    job = old_closed_job()
    applications = ApplicationFactory.create_batch(4, job=job)
    held = applications[1]
    with RowHeld(Application.objects.filter(pk=held.pk)):
        assert retention.remove_old_documents(size=2) == 3
        assert Application.objects.get(pk=held.pk).documents_removed_at is None
    assert retention.remove_old_documents(size=2) == 1
    assert Application.objects.filter(documents_removed_at__isnull=True).count() == 0
    assert retention.remove_old_documents(size=2) == 0


def test_accounts_skip_the_locked_row_then_take_it_next_run(settings):
    long_ago = timezone.now() - timedelta(days=800)
    users = SeekerFactory.create_batch(3)
    User.objects.filter(pk__in=[u.pk for u in users]).update(last_login=long_ago)
    held = users[0]
    with RowHeld(User.objects.filter(pk=held.pk)):
        assert retention.send_inactivity_notices() == 2
        assert User.objects.get(pk=held.pk).inactivity_notice_at is None
    assert retention.send_inactivity_notices() == 1

    later = timezone.now() + timedelta(days=settings.RETENTION_NOTICE_DAYS + 1)
    with RowHeld(User.objects.filter(pk=held.pk)):
        assert retention.erase_inactive_accounts(later) == 2
        assert User.objects.filter(pk=held.pk).exists()
    assert retention.erase_inactive_accounts(later) == 1
    assert not User.objects.filter(pk__in=[u.pk for u in users]).exists()
    assert retention.erase_inactive_accounts(later) == 0


def test_two_runs_at_once_share_the_rows():
    job = old_closed_job()
    ApplicationFactory.create_batch(6, job=job)
    done, start = [], threading.Barrier(2, timeout=10)

    def run():
        try:
            start.wait()
            done.append(retention.remove_old_documents(size=1))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(done) == 6  # each row once, whoever took it
