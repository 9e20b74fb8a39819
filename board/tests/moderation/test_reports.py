"""Reporting a job: who may, once per job, at most REPORTS_PER_HOUR an hour."""

import contextlib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from board.jobs.models import InvalidTransition, Job, ModerationLogEntry
from board.moderation import decisions, reports
from board.moderation.models import REPORTS_TO_HIDE, JobReport
from board.moderation.reports import REPORTS_PER_HOUR, AlreadyReported
from board.notifications.models import Notification
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
        with mock.patch("board.moderation.reports.report_job", side_effect=AlreadyReported):
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
        with mock.patch.object(reports, "report_job", side_effect=reports.TooManyReports):
            response = client.post(report_url(job), {"reason": "scam"})
        assert response.status_code == 429
        assert "try again in an hour" in response.text

    def test_the_domain_function_refuses_past_the_limit_and_writes_nothing(self, reporter):
        JobReportFactory.create_batch(REPORTS_PER_HOUR, reporter=reporter)
        job = JobFactory()
        with pytest.raises(reports.TooManyReports):
            reports.report_job(job, reporter, "scam")
        assert not JobReport.objects.filter(job=job).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_reports_sent_together_cannot_pass_the_limit(reporter):
    JobReportFactory.create_batch(REPORTS_PER_HOUR - 1, reporter=reporter)
    jobs = JobFactory.create_batch(2)
    barrier = threading.Barrier(2, timeout=2)
    counted = reports.over_report_limit

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
            reports.report_job(job, reporter, "scam")
            outcomes.append("filed")
        except reports.TooManyReports:
            outcomes.append("refused")
        finally:
            connection.close()

    with mock.patch.object(reports, "over_report_limit", count_then_wait):
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


def file_reports(job, reporters):
    for reporter in reporters:
        reports.report_job(job, reporter, "scam", details="I know their HR <b>personally</b>.")
    job.refresh_from_db()


class TestWhoseReportsCount:
    """Only active job seekers' reports can take a listing down; the others are kept."""

    def test_a_competitors_employers_cannot_take_a_job_down(self, job):
        rivals = [MembershipFactory().user for _ in range(REPORTS_TO_HIDE + 2)]
        file_reports(job, rivals)
        assert job.status == Job.Status.PUBLISHED
        assert job.reports.open().count() == REPORTS_TO_HIDE + 2
        assert not ModerationLogEntry.objects.exists()

    def test_employer_accounts_without_a_company_do_not_count(self, job):
        file_reports(job, EmployerFactory.create_batch(REPORTS_TO_HIDE))
        assert job.status == Job.Status.PUBLISHED

    def test_the_posters_own_team_does_not_count(self, job):
        # A team member may hold the seeker role (invitations accept any account).
        team = [
            MembershipFactory(company=job.company, user=SeekerFactory()).user
            for _ in range(REPORTS_TO_HIDE)
        ]
        file_reports(job, team)
        assert job.status == Job.Status.PUBLISHED

    def test_staff_reports_do_not_count(self, job):
        # Staff hold or close a job from the admin, where it is logged under their name.
        staff = [StaffFactory(role="seeker") for _ in range(REPORTS_TO_HIDE)]
        file_reports(job, staff)
        assert job.status == Job.Status.PUBLISHED

    def test_deactivated_accounts_do_not_count(self, job):
        banned = SeekerFactory.create_batch(REPORTS_TO_HIDE - 1, is_active=False)
        file_reports(job, [*banned, SeekerFactory()])
        assert job.status == Job.Status.PUBLISHED

    def test_a_seeker_who_becomes_an_employer_stops_counting(self, job):
        early, *others = SeekerFactory.create_batch(REPORTS_TO_HIDE)
        file_reports(job, [early])
        MembershipFactory(user=early)  # joined a (rival) company since
        file_reports(job, others)
        assert job.status == Job.Status.PUBLISHED
        file_reports(job, [SeekerFactory()])
        assert job.status == Job.Status.PENDING

    def test_counted_and_uncounted_reports_mix(self, job):
        file_reports(job, [MembershipFactory().user, *SeekerFactory.create_batch(2)])
        assert job.status == Job.Status.PUBLISHED
        file_reports(job, [SeekerFactory()])
        assert job.status == Job.Status.PENDING
        entry = ModerationLogEntry.objects.get()
        assert entry.reason == f"{REPORTS_TO_HIDE} open reports from job seekers"

    def test_reports_answered_by_a_moderator_do_not_count_again(self, job):
        file_reports(job, SeekerFactory.create_batch(REPORTS_TO_HIDE))
        decisions.approve_job(job, StaffFactory())
        # The same people cannot report again, and their old reports are closed.
        for reporter in JobReport.objects.values_list("reporter", flat=True):
            with pytest.raises(AlreadyReported):
                reports.report_job(job, get_user(reporter), "scam")
        file_reports(job, SeekerFactory.create_batch(REPORTS_TO_HIDE - 1))
        assert job.status == Job.Status.PUBLISHED

    def test_the_report_view_counts_the_same_way(self, client, job):
        for user in [MembershipFactory().user for _ in range(REPORTS_TO_HIDE)]:
            client.force_login(user)
            response = report(client, job)
            assert response.redirect_chain == [(job.get_absolute_url(), 302)]
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED


def get_user(pk):
    from board.accounts.models import User

    return User.objects.get(pk=pk)


@pytest.fixture
def posted():
    """A published job whose poster and a teammate are on its company's team."""
    poster = MembershipFactory(user=EmployerFactory(email="poster@example.com"))
    MembershipFactory(company=poster.company, user=EmployerFactory(email="mate@example.com"))
    return JobFactory(company=poster.company, posted_by=poster.user, title="Rust <Dev>")


@pytest.fixture
def moderators():
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="change_job"))
    in_group = StaffFactory(email="mod@example.com", is_superuser=False)
    in_group.groups.add(group)
    StaffFactory(email="support@example.com", is_superuser=False)  # staff, not a moderator
    StaffFactory(email="gone@example.com", is_active=False)
    return [StaffFactory(email="root@example.com"), in_group]


def hide(job, capture):
    with capture(execute=True):
        file_reports(job, SeekerFactory.create_batch(REPORTS_TO_HIDE))
    assert job.status == Job.Status.PENDING


class TestHiddenJobNotifications:
    def test_the_team_and_the_moderators_are_emailed_once(
        self, posted, moderators, django_capture_on_commit_callbacks, mailoutbox
    ):
        hide(posted, django_capture_on_commit_callbacks)
        entry = ModerationLogEntry.objects.get(action="hidden")
        sent = Notification.objects.filter(sent_at__isnull=False)
        assert sorted(sent.values_list("kind", "object_id")) == [
            ("job_hidden", entry.pk),
            ("job_hidden_staff", entry.pk),
        ]
        assert Notification.objects.count() == 2
        by_address = {m.to[0]: m for m in mailoutbox}
        assert len(mailoutbox) == len(by_address) == 4
        assert set(by_address) == {
            "poster@example.com",
            "mate@example.com",
            "root@example.com",
            "mod@example.com",
        }
        to_poster = by_address["poster@example.com"]
        assert (
            to_poster.subject
            == "[Nexus Jobs] Your job “Rust <Dev>” is hidden until a moderator reviews it"
        )
        assert "What happens next" in to_poster.body
        assert "goes live again for 30 days" in to_poster.body
        assert f"Scam or fraud: {REPORTS_TO_HIDE}" in to_poster.body
        assert reverse("employer_job_edit", args=[posted.pk]) in to_poster.body
        html = to_poster.alternatives[0][0]
        assert "Rust &lt;Dev&gt;" in html and "<Dev>" not in html
        to_moderator = by_address["mod@example.com"]
        assert to_moderator.subject.startswith("[Nexus Jobs] Hidden after reports: “Rust <Dev>”")
        assert reverse("admin:board_job_change", args=[posted.pk]) in to_moderator.body
        for message in mailoutbox:
            # Reporters stay anonymous: no address, no word of their details.
            assert "personally" not in message.body + message.alternatives[0][0]
            for reporter in JobReport.objects.select_related("reporter"):
                assert reporter.reporter.email not in message.body

    def test_nothing_is_sent_while_the_job_stays_up(
        self, posted, moderators, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            file_reports(posted, SeekerFactory.create_batch(REPORTS_TO_HIDE - 1))
        assert not Notification.objects.exists() and mailoutbox == []

    def test_a_job_already_answered_gets_no_late_hidden_mail(
        self, posted, moderators, django_capture_on_commit_callbacks, mailoutbox
    ):
        file_reports(posted, SeekerFactory.create_batch(REPORTS_TO_HIDE))  # not delivered yet
        decisions.approve_job(posted, moderators[0])
        from board.notifications.outbox import send_pending

        send_pending(older_than=timedelta(0))
        assert [m.to for m in mailoutbox] == [["poster@example.com"]]  # only "approved"
        assert "is live" in mailoutbox[0].subject

    def test_a_poster_who_left_the_team_is_not_emailed(
        self, posted, django_capture_on_commit_callbacks, mailoutbox
    ):
        posted.posted_by.memberships.all().delete()
        hide(posted, django_capture_on_commit_callbacks)
        assert [m.to for m in mailoutbox] == [["mate@example.com"]]


class TestTwoModeratorsAtOnce:
    def test_a_job_is_approved_once(self, django_capture_on_commit_callbacks):
        first = JobFactory(pending=True)
        second = Job.objects.get(pk=first.pk)  # another moderator's page, loaded before
        decisions.approve_job(first, StaffFactory())
        with pytest.raises(InvalidTransition):
            decisions.approve_job(second, StaffFactory())
        assert ModerationLogEntry.objects.count() == Notification.objects.count() == 1

    def test_a_job_is_not_rejected_after_it_was_approved(self):
        first = JobFactory(pending=True)
        second = Job.objects.get(pk=first.pk)
        decisions.approve_job(first, StaffFactory())
        with pytest.raises(InvalidTransition):
            decisions.reject_job(second, StaffFactory(), "Too late")
        first.refresh_from_db()
        assert first.status == Job.Status.PUBLISHED


class TestReportsDigest:
    def test_one_digest_for_many_reports_then_only_new_ones(
        self, moderators, django_capture_on_commit_callbacks, mailoutbox
    ):
        job, other = JobFactory(title="Job A"), JobFactory(title="Job B")
        file_reports(job, SeekerFactory.create_batch(2))
        file_reports(other, [MembershipFactory().user])
        with django_capture_on_commit_callbacks(execute=True):
            assert reports.queue_reports_digest() is not None
            assert reports.queue_reports_digest() is None  # nothing new since
        assert sorted(m.to[0] for m in mailoutbox) == ["mod@example.com", "root@example.com"]
        message = mailoutbox[0]
        assert message.subject == "[Nexus Jobs] 3 new reports on 2 jobs"
        assert '"Job A" at' in message.body and "2 new" in message.body
        assert reverse("admin:board_job_change", args=[other.pk]) in message.body
        mailoutbox.clear()
        answered = JobFactory(title="Job C")
        file_reports(answered, [SeekerFactory()])
        reports.dismiss_reports(answered, moderators[0])
        file_reports(other, [SeekerFactory()])
        with django_capture_on_commit_callbacks(execute=True):
            reports.queue_reports_digest()
        assert {m.subject for m in mailoutbox} == {"[Nexus Jobs] 1 new report on 1 job"}
        assert "Job B" in mailoutbox[0].body
        assert "Job A" not in mailoutbox[0].body and "Job C" not in mailoutbox[0].body

    def test_reports_all_answered_before_sending_send_nothing(
        self, moderators, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = JobFactory()
        file_reports(job, [SeekerFactory()])
        notification = reports.queue_reports_digest()
        reports.dismiss_reports(job, moderators[0])
        from board.notifications.outbox import deliver

        assert deliver(notification.pk) is True  # marked sent, with no message
        assert mailoutbox == []

    def test_the_command(self, moderators, django_capture_on_commit_callbacks, mailoutbox):
        from django.core.management import call_command

        file_reports(JobFactory(), [SeekerFactory()])
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reports_digest")
        assert len(mailoutbox) == 2
