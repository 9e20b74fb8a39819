"""Reporting a job: who may, once per job, at most REPORTS_PER_HOUR an hour."""

import contextlib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from board import moderation
from board.models import REPORTS_TO_HIDE, Job, JobReport, ModerationLogEntry
from board.moderation import REPORTS_PER_HOUR, AlreadyReported
from board.tests.factories import (
    EmployerFactory,
    JobFactory,
    JobReportFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    return JobFactory(title="Too Good To Be True")


@pytest.fixture
def reporter():
    return SeekerFactory()


def report_url(job):
    return reverse("report_job", args=[job.pk])


def report(client, job, **data):
    return client.post(report_url(job), {"reason": "scam", "details": "", **data}, follow=True)


def report_with(client, job, data):
    return client.post(report_url(job), {"reason": "scam", **data}, follow=True)


class TestReporting:
    @pytest.mark.parametrize("user_factory", [SeekerFactory, EmployerFactory, StaffFactory])
    def test_any_verified_user_can_report(self, client, job, user_factory):
        user = user_factory()
        client.force_login(user)
        form = client.get(report_url(job))
        assert form.status_code == 200
        assert form.context["form"].fields["reason"].choices == JobReport.Reason.choices
        assert 'name="reason" value="scam"' in form.text
        assert 'name="reason" value=""' not in form.text
        response = report(client, job, reason="misleading", details="Salary is invented.")
        assert response.redirect_chain == [(job.get_absolute_url(), 302)]
        assert "Thank you for your report." in response.text
        filed = JobReport.objects.get()
        assert (filed.job, filed.reporter, filed.reason, filed.details, filed.status) == (
            job,
            user,
            "misleading",
            "Salary is invented.",
            "open",
        )

    def test_head_answers_like_get(self, client, job, reporter):
        client.force_login(reporter)
        assert client.head(report_url(job)).status_code == 200

    def test_once_per_job(self, client, job, reporter):
        client.force_login(reporter)
        report(client, job)
        again = client.get(report_url(job), follow=True)
        assert "You already reported this job." in again.text
        response = report(client, job, reason="other")
        assert "You already reported this job." in response.text
        assert JobReport.objects.get().reason == "scam"

    def test_a_double_submit_losing_the_race_is_friendly(self, client, job, reporter):
        client.force_login(reporter)
        with mock.patch("board.moderation.report_job", side_effect=AlreadyReported):
            response = report(client, job)
        assert response.status_code == 200
        assert "You already reported this job." in response.text

    def test_unverified_accounts_are_asked_to_verify_first(self, client, job):
        client.force_login(SeekerFactory(verified=False))
        page = client.get(report_url(job))
        assert page.status_code == 200
        assert "verify your e-mail address" in page.text
        assert 'name="reason"' not in page.text
        response = client.post(report_url(job), {"reason": "scam"})
        assert response.status_code == 403
        assert not JobReport.objects.exists()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_anonymous_goes_to_login(self, client, job, method):
        response = getattr(client, method)(report_url(job))
        assert response["Location"].startswith(reverse("account_login") + "?next=")
        assert not JobReport.objects.exists()

    @pytest.mark.parametrize("status", ["draft", "pending", "rejected", "closed", "expired"])
    @pytest.mark.parametrize("method", ["get", "head", "post"])
    def test_only_visible_jobs_can_be_reported(self, client, reporter, status, method):
        job = JobFactory(status=status)
        client.force_login(reporter)
        refused = getattr(client, method)(report_url(job))
        missing = getattr(client, method)(reverse("report_job", args=[987654]))
        assert refused.status_code == missing.status_code == 404
        assert not JobReport.objects.exists()

    def test_past_its_expiry_is_not_visible(self, client, reporter):
        job = JobFactory(expires_at=timezone.now() - timedelta(minutes=1))
        client.force_login(reporter)
        assert client.get(report_url(job)).status_code == 404

    @pytest.mark.parametrize(
        ("data", "error"),
        [
            ({"reason": ""}, "This field is required"),
            ({"reason": "spam<script>"}, "Select a valid choice"),
            ({"details": "x" * 2001}, "at most 2000 characters"),
        ],
    )
    def test_invalid_reports_are_refused(self, client, job, reporter, data, error):
        client.force_login(reporter)
        response = report(client, job, **data)
        assert response.status_code == 200
        assert error in response.text
        assert "spam<script>" not in response.text
        assert not JobReport.objects.exists()

    def test_protected_fields_in_the_post_are_ignored(self, client, job, reporter):
        other_job, other_user = JobFactory(), SeekerFactory()
        client.force_login(reporter)
        report_with(
            client, job, {"status": "dismissed", "job": other_job.pk, "reporter": other_user.pk}
        )
        filed = JobReport.objects.get()
        assert (filed.job, filed.reporter, filed.status) == (job, reporter, "open")


class TestRateLimit:
    def test_the_next_report_past_the_limit_is_429_with_a_friendly_page(self, client, reporter):
        JobReportFactory.create_batch(REPORTS_PER_HOUR, reporter=reporter)
        job = JobFactory()
        client.force_login(reporter)
        response = client.post(report_url(job), {"reason": "scam"})
        assert response.status_code == 429
        assert "try again in an hour" in response.text
        assert not JobReport.objects.filter(job=job).exists()

    def test_reports_older_than_an_hour_do_not_count(self, client, reporter):
        JobReportFactory.create_batch(REPORTS_PER_HOUR, reporter=reporter)
        JobReport.objects.update(created=timezone.now() - timedelta(minutes=61))
        job = JobFactory()
        client.force_login(reporter)
        assert client.post(report_url(job), {"reason": "scam"}).status_code == 302
        assert JobReport.objects.filter(job=job, reporter=reporter).exists()

    def test_other_users_reports_do_not_count(self, client, reporter):
        JobReportFactory.create_batch(REPORTS_PER_HOUR)
        client.force_login(reporter)
        assert client.post(report_url(JobFactory()), {"reason": "scam"}).status_code == 302

    def test_the_limit_through_the_view(self, client, reporter):
        client.force_login(reporter)
        jobs = JobFactory.create_batch(REPORTS_PER_HOUR + 1)
        codes = [client.post(report_url(j), {"reason": "other"}).status_code for j in jobs]
        assert codes == [302] * REPORTS_PER_HOUR + [429]
        assert JobReport.objects.count() == REPORTS_PER_HOUR

    def test_a_limit_reached_between_the_check_and_the_insert_is_429(self, client, reporter):
        # Another report of the same user's took the last place after the view's check.
        client.force_login(reporter)
        job = JobFactory()
        with mock.patch.object(moderation, "report_job", side_effect=moderation.TooManyReports):
            response = client.post(report_url(job), {"reason": "scam"})
        assert response.status_code == 429
        assert "try again in an hour" in response.text

    def test_the_domain_function_refuses_past_the_limit_and_writes_nothing(self, reporter):
        JobReportFactory.create_batch(REPORTS_PER_HOUR, reporter=reporter)
        job = JobFactory()
        with pytest.raises(moderation.TooManyReports):
            moderation.report_job(job, reporter, "scam")
        assert not JobReport.objects.filter(job=job).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_reports_sent_together_cannot_pass_the_limit(reporter):
    JobReportFactory.create_batch(REPORTS_PER_HOUR - 1, reporter=reporter)
    jobs = JobFactory.create_batch(2)
    barrier = threading.Barrier(2, timeout=2)
    counted = moderation.over_report_limit

    def count_then_wait(user):
        over = counted(user)
        # Without the lock both have counted 9 here, and both insert. With it,
        # the other report is still waiting for the lock: the wait times out.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return over

    outcomes = []

    def send(job):
        try:
            moderation.report_job(job, reporter, "scam")
            outcomes.append("filed")
        except moderation.TooManyReports:
            outcomes.append("refused")
        finally:
            connection.close()

    with mock.patch.object(moderation, "over_report_limit", count_then_wait):
        threads = [threading.Thread(target=send, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(outcomes) == ["filed", "refused"]
    assert JobReport.objects.filter(reporter=reporter).count() == REPORTS_PER_HOUR


class TestThreshold:
    def test_enough_reports_hide_the_job_pending_review(self, client, job):
        for number in range(1, REPORTS_TO_HIDE + 1):
            client.force_login(SeekerFactory())
            response = report(client, job)
            job.refresh_from_db()
            if number < REPORTS_TO_HIDE:
                assert job.status == Job.Status.PUBLISHED
                assert response.redirect_chain == [(job.get_absolute_url(), 302)]
        # The last reporter cannot go back to a page that is no longer public.
        assert response.redirect_chain == [(reverse("job_list"), 302)]
        assert "Thank you for your report." in response.text
        assert job.status == Job.Status.PENDING
        entry = ModerationLogEntry.objects.get()
        assert (entry.action, entry.moderator) == ("hidden", None)
        assert f"{REPORTS_TO_HIDE} open reports" in entry.reason
        client.logout()
        assert client.get(job.get_absolute_url()).status_code == 404
        assert not Job.objects.visible().filter(pk=job.pk).exists()

    def test_dismissed_reports_do_not_count(self, client, job):
        JobReportFactory.create_batch(REPORTS_TO_HIDE - 1, job=job, status="dismissed")
        client.force_login(SeekerFactory())
        report(client, job)
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED


class TestReportLink:
    def test_signed_in_users_see_the_link_on_a_visible_job(self, client, job, reporter):
        client.force_login(reporter)
        assert report_url(job) in client.get(job.get_absolute_url()).text

    def test_anonymous_visitors_do_not(self, client, job):
        assert report_url(job) not in client.get(job.get_absolute_url()).text

    def test_not_on_a_closed_job(self, client, reporter):
        job = JobFactory(status="closed")
        client.force_login(reporter)
        assert report_url(job) not in client.get(job.get_absolute_url()).text

    def test_not_on_a_draft_its_company_previews(self, client):
        member = MembershipFactory()
        job = JobFactory(company=member.company, draft=True)
        client.force_login(member.user)
        assert report_url(job) not in client.get(job.get_absolute_url()).text
