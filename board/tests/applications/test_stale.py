"""Stale applications: the company reminded a week before, then the application
closed with a kind e-mail and a timeline entry. Exact day boundaries, once only,
safe to run twice, and (on PostgreSQL) rows locked elsewhere skipped."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from board.applications import stale
from board.applications.messaging import send_message
from board.applications.models import Application
from board.notifications.models import Notification
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)
REMIND_AT = timedelta(days=60 - 7)  # untouched this long: the company is reminded


def untouched(application, since, reminded=None):
    """Set the application's last change (and last reminder) as if long ago."""
    Application.objects.filter(pk=application.pk).update(updated=since, stale_reminded_at=reminded)
    application.refresh_from_db()
    return application


@pytest.fixture
def now():
    return timezone.now()


def kinds():
    return list(Notification.objects.order_by("pk").values_list("kind", "object_id"))


class TestReminder:
    def test_exactly_a_week_before_closing(self, now):
        due = untouched(ApplicationFactory(), now - REMIND_AT)
        not_yet = untouched(ApplicationFactory(), now - REMIND_AT + SECOND)
        assert stale.remind_companies(now) == 1
        due.refresh_from_db()
        not_yet.refresh_from_db()
        assert due.stale_reminded_at == now and not_yet.stale_reminded_at is None

    def test_one_email_per_company_once(self, now, django_capture_on_commit_callbacks):
        job = JobFactory()
        MembershipFactory(company=job.company, user__email="a@example.com")
        MembershipFactory(company=job.company, user__email="b@example.com")
        other = JobFactory()
        MembershipFactory(company=other.company, user__email="c@example.com")
        for j in (job, job, JobFactory(company=job.company), other):
            untouched(ApplicationFactory(job=j), now - REMIND_AT - DAY)
        with django_capture_on_commit_callbacks(execute=True):
            assert stale.remind_companies(now) == 2
            assert stale.remind_companies(now) == 0  # not twice
            assert stale.remind_companies(now + DAY) == 0
        assert sorted(m.to[0] for m in mail.outbox) == [
            "a@example.com", "b@example.com", "c@example.com"
        ]  # fmt: skip
        first = next(m for m in mail.outbox if m.to == ["a@example.com"])
        assert (
            first.subject == "[Nexus Jobs] 3 applications will close without a decision in a week"
        )
        assert first.body.count(reverse("employer_application", args=[1])[:-2]) == 3

    def test_only_undecided_applications(self, now):
        for status in ["hired", "rejected", "withdrawn", "closed"]:
            untouched(ApplicationFactory(status=status), now - REMIND_AT - DAY)
        assert stale.remind_companies(now) == 0

    def test_a_move_after_the_reminder_means_a_new_one_later(self, now):
        application = untouched(ApplicationFactory(), now - REMIND_AT)
        stale.remind_companies(now)
        untouched(application, now + DAY, reminded=now)  # someone moved it the next day
        assert stale.remind_companies(now + DAY + REMIND_AT - SECOND) == 0
        assert stale.remind_companies(now + DAY + REMIND_AT) == 1


class TestClosing:
    def test_exactly_sixty_days_and_a_week_after_the_reminder(self, now):
        due = untouched(ApplicationFactory(), now - 60 * DAY, reminded=now - 7 * DAY)
        young = untouched(ApplicationFactory(), now - 60 * DAY + SECOND, reminded=now - 7 * DAY)
        late_reminder = untouched(
            ApplicationFactory(), now - 60 * DAY, reminded=now - 7 * DAY + SECOND
        )
        never_reminded = untouched(ApplicationFactory(), now - 90 * DAY)
        assert stale.close_stale(now) == 1
        statuses = {
            a.pk: a.status
            for a in Application.objects.filter(
                pk__in=[due.pk, young.pk, late_reminder.pk, never_reminded.pk]
            )
        }
        assert statuses == {
            due.pk: "closed", young.pk: "submitted",
            late_reminder.pk: "submitted", never_reminded.pk: "submitted",
        }  # fmt: skip

    def test_the_period_is_a_setting(self, now, settings):
        settings.STALE_APPLICATION_DAYS = 30
        application = untouched(ApplicationFactory(), now - 30 * DAY, reminded=now - 7 * DAY)
        assert stale.close_stale(now) == 1
        application.refresh_from_db()
        assert application.status == "closed"

    def test_closing_records_and_tells_the_applicant_kindly(
        self, now, django_capture_on_commit_callbacks
    ):
        application = untouched(
            ApplicationFactory(status="interviewing", applicant__email="sam@example.com"),
            now - 61 * DAY,
            reminded=now - 8 * DAY,
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert stale.close_stale(now) == 1
            assert stale.close_stale(now) == 0  # run twice: once
        application.refresh_from_db()
        assert application.status == Application.Status.CLOSED
        assert application.get_status_display() == "Closed (no decision)"
        [event] = application.events.all()
        assert (event.actor, event.from_status, event.to_status) == (None, "interviewing", "closed")
        [message] = mail.outbox
        assert message.to == ["sam@example.com"]
        assert "closed without a decision" in message.subject
        assert "This is not a rejection" in message.body
        assert kinds() == [("stale_closed", event.pk)]

    def test_closed_is_final_and_shown_to_both_sides(self, client, now):
        application = untouched(ApplicationFactory(), now - 61 * DAY, reminded=now - 8 * DAY)
        stale.close_stale(now)
        application.refresh_from_db()
        assert application.allowed_moves() == [] and not application.can_withdraw
        client.force_login(application.applicant)
        html = client.get(reverse("my_application", args=[application.pk])).content.decode()
        assert "Closed (no decision)" in html
        assert "automatically, as no decision was made in time" in html

    def test_batches_cover_everything(self, now):
        apps = [
            untouched(ApplicationFactory(), now - 61 * DAY, reminded=now - 8 * DAY)
            for _ in range(5)
        ]
        assert stale.close_stale(now, batch=2) == 5
        assert set(Application.objects.filter(pk__in=[a.pk for a in apps]).values_list(
            "status", flat=True)) == {"closed"}  # fmt: skip

    def test_the_daily_run_and_command(self, now, capsys):
        untouched(ApplicationFactory(), now - 61 * DAY, reminded=now - 8 * DAY)
        untouched(ApplicationFactory(), now - REMIND_AT - DAY)
        call_command("close_stale_applications")
        assert "1 companies reminded, 1 closed." in capsys.readouterr().out


def test_the_pipeline_filter_and_counts_know_closed(client, now, company, employer):
    job = JobFactory(company=company)
    closed = untouched(ApplicationFactory(job=job), now - 61 * DAY, reminded=now - 8 * DAY)
    stale.close_stale(now)
    ApplicationFactory(job=job)
    client.force_login(employer)
    url = reverse("employer_applicants", args=[job.pk])
    response = client.get(url, {"status": "closed"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [Application.objects.get(pk=closed.pk)]
    assert "Closed, no decision in time" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_rows_locked_by_another_transaction_are_skipped_and_runs_do_not_collide():
    now = timezone.now()
    held, free = (
        untouched(ApplicationFactory(), now - 61 * DAY, reminded=now - 8 * DAY) for _ in range(2)
    )
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Application.objects.select_for_update().filter(pk=held.pk).exists()
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold_the_row)
    thread.start()
    assert locked.wait(10)
    try:
        assert stale.close_stale(now) == 1  # does not wait for the held row
    finally:
        release.set()
        thread.join()
    assert Application.objects.get(pk=held.pk).status == "submitted"
    assert Application.objects.get(pk=free.pk).status == "closed"
    # The held row is closed by the next run; two runs at once close it once.
    results = []

    def run():
        try:
            results.append(stale.close_stale(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    assert sorted(results) == [0, 1]
    assert Application.objects.get(pk=held.pk).events.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_reminders_skip_locked_rows_on_postgresql():
    now = timezone.now()
    application = untouched(ApplicationFactory(), now - REMIND_AT - DAY)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Application.objects.select_for_update().filter(pk=application.pk).exists()
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold_the_row)
    thread.start()
    assert locked.wait(10)
    try:
        assert stale.remind_companies(now) == 0
    finally:
        release.set()
        thread.join()
    assert stale.remind_companies(now) == 1
    assert Notification.objects.filter(kind="stale_reminder").count() == 1


def test_a_message_to_the_applicant_starts_the_period_again(now, company, employer):
    application = untouched(
        ApplicationFactory(job=JobFactory(company=company)), now - REMIND_AT - DAY
    )
    assert stale.reminder_due(now).filter(pk=application.pk).exists()
    send_message(application, employer, "Still with us", "We are reading every application.")
    assert not stale.reminder_due(timezone.now()).filter(pk=application.pk).exists()
