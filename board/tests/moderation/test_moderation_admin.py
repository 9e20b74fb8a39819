"""Moderation in the admin: approve/reject through the service, reports, the log, the outbox."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.jobs.models import Job, ModerationLogEntry
from board.moderation.models import JobReport
from board.notifications.models import Notification
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    CompanyFactory,
    JobFactory,
    JobReportFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
QUEUE = reverse("admin:board_pendingjob_changelist")
JOBS = reverse("admin:board_job_changelist")
REPORTS = reverse("admin:board_jobreport_changelist")


@pytest.fixture
def moderator():
    return StaffFactory(first_name="Mo", last_name="Derator")


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


def action(client, url, name, objects, **extra):
    data = {"action": name, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    return client.post(url, data, follow=True)


def posted_job(**kwargs):
    """A job posted by a member of its company, so the poster can be e-mailed."""
    member = MembershipFactory()
    return JobFactory(company=member.company, posted_by=member.user, **kwargs)


class TestApproveAndReject:
    def test_approving_logs_who_and_when_and_emails_the_poster(
        self, admin_client, moderator, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = posted_job(pending=True, title="Rust Engineer")
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            response = action(admin_client, QUEUE, "approve_jobs", [job])
        assert "1 job(s) approved" in response.text
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        entry = ModerationLogEntry.objects.get()
        assert (entry.job, entry.action, entry.moderator) == (job, "approved", moderator)
        assert entry.created >= before
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("job_approved", job.pk)
        assert notification.sent_at is not None
        [message] = mailoutbox
        assert message.to == [job.posted_by.email]
        assert "Rust Engineer" in message.subject

    def test_rejecting_logs_the_reason_and_emails_the_poster(
        self, admin_client, moderator, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = posted_job(pending=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = action(
                admin_client, QUEUE, "reject_jobs", [job], reject="1", reason="Add a salary."
            )
        assert "1 job(s) rejected" in response.text
        entry = ModerationLogEntry.objects.get()
        assert (entry.action, entry.moderator, entry.reason) == (
            "rejected",
            moderator,
            "Add a salary.",
        )
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("job_rejected", entry.pk)
        [message] = mailoutbox
        assert message.to == [job.posted_by.email]
        assert "Add a salary." in message.body

    def test_approving_a_job_hidden_by_reports_resolves_them(self, admin_client, moderator):
        job = JobFactory(pending=True)
        reports = JobReportFactory.create_batch(2, job=job)
        action(admin_client, QUEUE, "approve_jobs", [job])
        for report in reports:
            report.refresh_from_db()
            assert (report.status, report.resolved_by) == ("dismissed", moderator)

    def test_refused_transitions_log_nothing(self, admin_client):
        live = JobFactory()
        response = action(admin_client, JOBS, "approve_jobs", [live])
        assert "only jobs pending review can be approved" in response.text
        response = action(admin_client, JOBS, "reject_jobs", [live], reject="1", reason="No")
        assert "only jobs pending review can be rejected" in response.text
        assert not ModerationLogEntry.objects.exists()
        assert not Notification.objects.exists()


class TestJobChangePage:
    def test_shows_the_company_record_the_log_and_the_reports(self, admin_client, moderator):
        company = CompanyFactory(name="Shady Ltd", verified=False)
        job = JobFactory(company=company, pending=True)
        JobFactory(company=company, status="rejected")
        JobFactory.create_batch(2, company=company)
        ModerationLogEntry.objects.create(
            job=job, action="hidden", moderator=None, reason="3 open reports"
        )
        JobReportFactory(job=job, details=XSS, reporter=SeekerFactory(email="rep@example.com"))
        response = admin_client.get(reverse("admin:board_job_change", args=[job.pk]))
        html = response.text
        assert "Shady Ltd" in html and "not verified" in html
        assert "Other jobs:" in html
        assert "(2 published, 1 rejected)" in html
        assert f"?company__id__exact={company.pk}" in html
        assert "Hidden after reports" in html and "3 open reports" in html
        assert "rep@example.com" in html
        assert XSS not in html
        assert "&lt;script&gt;" in html

    @pytest.mark.parametrize(
        "admin_url", ["admin:board_job_change", "admin:board_pendingjob_change"]
    )
    def test_shows_the_description_rendered_and_sanitised(self, admin_client, admin_url):
        job = JobFactory(
            pending=True,
            description=(
                f"## What you'll do\n\n- Build **things**\n\n{XSS} [x](javascript:alert(1))"
            ),
        )
        html = admin_client.get(reverse(admin_url, args=[job.pk])).text
        preview = html[html.index("Description as published") :]
        preview = preview[: preview.index("</fieldset>")]
        assert "<h2>What you'll do</h2>" in preview or "<h2>What you&#x27;ll do</h2>" in preview
        assert "<li>Build <strong>things</strong></li>" in preview
        assert "<script" not in preview and "onerror" not in preview
        assert "javascript:" not in preview
        # Preview first in reading order: right after the Markdown it renders.
        assert html.index('name="description"') < html.index("Description as published")

    def test_the_link_to_the_companys_jobs_works(self, admin_client):
        company = CompanyFactory()
        JobFactory.create_batch(2, company=company)
        JobFactory()
        response = admin_client.get(JOBS, {"company__id__exact": company.pk})
        assert len(response.context["cl"].result_list) == 2

    def test_the_job_can_still_be_saved(self, admin_client):
        job = posted_job(title="Old Title")
        JobReportFactory(job=job)
        url = reverse("admin:board_job_change", args=[job.pk])
        form = admin_client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(
            title="New Title",
            company=job.company.pk,
            category=job.category.pk,
            country="DE",
            posted_by=job.posted_by.pk,
        )
        for prefix in ["moderation_log", "reports", "screening_questions"]:
            data[f"{prefix}-TOTAL_FORMS"] = 0
            data[f"{prefix}-INITIAL_FORMS"] = 0
        data["published_at_0"], data["published_at_1"] = "2026-01-01", "10:00:00"
        data["expires_at_0"], data["expires_at_1"] = "2099-01-01", "10:00:00"
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        job.refresh_from_db()
        assert job.title == "New Title"
        assert JobReport.objects.count() == 1

    def test_the_change_page_runs_a_bounded_number_of_queries(self, admin_client):
        job = JobFactory()
        JobReportFactory(job=job)
        url = reverse("admin:board_job_change", args=[job.pk])
        with CaptureQueriesContext(connection) as few:
            admin_client.get(url)
        JobReportFactory.create_batch(10, job=job)
        for _ in range(10):
            ModerationLogEntry.objects.create(job=job, action="dismissed", moderator=StaffFactory())
        with CaptureQueriesContext(connection) as many:
            admin_client.get(url)
        assert len(many) == len(few)


class TestReportAdmin:
    def test_dismiss_resolves_every_open_report_of_the_jobs(self, admin_client, moderator):
        job, other = JobFactory(), JobFactory()
        reports = JobReportFactory.create_batch(2, job=job)
        untouched = JobReportFactory(job=other)
        response = action(admin_client, REPORTS, "dismiss", reports[:1])
        assert "Open reports dismissed on 1 job." in response.text
        for report in reports:
            report.refresh_from_db()
            assert (report.status, report.resolved_by) == ("dismissed", moderator)
            assert report.resolved_at is not None
        untouched.refresh_from_db()
        assert untouched.status == "open"
        entry = ModerationLogEntry.objects.get()
        assert (entry.job, entry.action, entry.moderator) == (job, "dismissed", moderator)

    def test_dismissing_a_hidden_job_says_it_stays_in_review(self, admin_client):
        report = JobReportFactory(job=JobFactory(pending=True))
        response = action(admin_client, REPORTS, "dismiss", [report])
        assert "stay in the review queue" in response.text

    def test_close_closes_published_jobs_and_skips_the_others(self, admin_client, moderator):
        live = JobFactory()
        hidden = JobFactory(pending=True)
        reports = [
            JobReportFactory(job=live),
            JobReportFactory(job=live),
            JobReportFactory(job=hidden),
        ]
        response = action(admin_client, REPORTS, "close_jobs", reports)
        assert "1 job closed." in response.text
        assert "1 job skipped: only published jobs can be closed" in response.text
        live.refresh_from_db()
        hidden.refresh_from_db()
        assert (live.status, hidden.status) == ("closed", "pending")
        entry = ModerationLogEntry.objects.get()
        assert (entry.job, entry.action, entry.moderator) == (live, "closed", moderator)
        assert entry.reason == "Closed after reports"
        assert set(JobReport.objects.filter(job=live).values_list("status", flat=True)) == {
            "actioned"
        }
        assert JobReport.objects.get(job=hidden).status == "open"

    def test_reports_cannot_be_added_edited_or_deleted(self, admin_client):
        report = JobReportFactory()
        assert admin_client.get(reverse("admin:board_jobreport_add")).status_code == 403
        change = admin_client.post(
            reverse("admin:board_jobreport_change", args=[report.pk]), {"status": "dismissed"}
        )
        assert change.status_code in (302, 403)
        report.refresh_from_db()
        assert report.status == "open"
        assert (
            admin_client.get(reverse("admin:board_jobreport_delete", args=[report.pk])).status_code
            == 403
        )

    def test_changelist_query_count_does_not_grow(self, admin_client):
        JobReportFactory()
        with CaptureQueriesContext(connection) as few:
            assert admin_client.get(REPORTS).status_code == 200
        JobReportFactory.create_batch(20)
        with CaptureQueriesContext(connection) as many:
            response = admin_client.get(REPORTS)
        assert len(response.context["cl"].result_list) == 21
        assert len(many) == len(few)

    def test_details_are_escaped(self, admin_client):
        report = JobReportFactory(details=XSS)
        html = admin_client.get(reverse("admin:board_jobreport_change", args=[report.pk])).text
        assert XSS not in html
        assert "<img src=x" not in html

    def test_non_staff_cannot_act(self, client):
        report = JobReportFactory()
        client.force_login(SeekerFactory())
        action(client, REPORTS, "close_jobs", [report])
        report.job.refresh_from_db()
        assert report.job.status == "published"


class TestCompanyCloseAllJobs:
    def test_closes_every_published_job_of_the_selected_companies(self, admin_client, moderator):
        company, other = CompanyFactory(), CompanyFactory()
        live = JobFactory.create_batch(2, company=company)
        draft = JobFactory(company=company, draft=True)
        elsewhere = JobFactory(company=other)
        response = action(
            admin_client, reverse("admin:board_company_changelist"), "close_open_jobs", [company]
        )
        assert "2 jobs closed." in response.text
        assert set(
            Job.objects.filter(pk__in=[j.pk for j in live]).values_list("status", flat=True)
        ) == {"closed"}
        draft.refresh_from_db()
        elsewhere.refresh_from_db()
        assert (draft.status, elsewhere.status) == ("draft", "published")
        entries = ModerationLogEntry.objects.all()
        assert {(e.job_id, e.action, e.moderator_id) for e in entries} == {
            (j.pk, "closed", moderator.pk) for j in live
        }


class TestReadOnlyRecords:
    def test_moderation_log_lists_and_cannot_be_changed(self, admin_client):
        job = JobFactory(title="Logged Job")
        entry = ModerationLogEntry.objects.create(job=job, action="closed", moderator=None)
        url = reverse("admin:board_moderationlogentry_changelist")
        assert "Logged Job" in admin_client.get(url, {"q": "Logged"}).text
        assert admin_client.get(reverse("admin:board_moderationlogentry_add")).status_code == 403
        delete = reverse("admin:board_moderationlogentry_delete", args=[entry.pk])
        assert admin_client.get(delete).status_code == 403

    def test_moderation_log_query_count_does_not_grow(self, admin_client):
        url = reverse("admin:board_moderationlogentry_changelist")
        ModerationLogEntry.objects.create(
            job=JobFactory(), action="closed", moderator=StaffFactory()
        )
        with CaptureQueriesContext(connection) as few:
            admin_client.get(url)
        for _ in range(20):
            ModerationLogEntry.objects.create(
                job=JobFactory(), action="closed", moderator=StaffFactory()
            )
        with CaptureQueriesContext(connection) as many:
            admin_client.get(url)
        assert len(many) == len(few)

    def test_notifications_filter_pending_and_sent(self, admin_client):
        pending = Notification.objects.create(kind="new_application", object_id=1, attempts=2)
        sent = Notification.objects.create(
            kind="status_changed", object_id=2, sent_at=timezone.now()
        )
        url = reverse("admin:board_notification_changelist")
        pending_list = admin_client.get(url, {"delivery": "pending"}).context["cl"].result_list
        sent_list = admin_client.get(url, {"delivery": "sent"}).context["cl"].result_list
        assert (list(pending_list), list(sent_list)) == ([pending], [sent])
        assert admin_client.get(reverse("admin:board_notification_add")).status_code == 403

    def test_send_now_delivers_pending_notifications(self, admin_client, mailoutbox):
        application = ApplicationFactory()
        MembershipFactory(company=application.job.company)
        notification = Notification.objects.create(kind="new_application", object_id=application.pk)
        url = reverse("admin:board_notification_changelist")
        response = action(admin_client, url, "send_now", [notification])
        assert "1 notification sent." in response.text
        assert len(mailoutbox) == 1

    def test_staff_read_notes_and_the_timeline_of_an_application(self, admin_client):
        application = ApplicationFactory()
        ApplicationNoteFactory(application=application, body=XSS)
        application.move_to("reviewing", by=MembershipFactory(company=application.job.company).user)
        url = reverse("admin:board_application_change", args=[application.pk])
        html = admin_client.get(url).text
        assert "private notes of the company" in html.lower()
        assert "&lt;script&gt;" in html and XSS not in html
        assert "Reviewing" in html

    def test_the_application_page_query_count_does_not_grow(self, admin_client):
        application = ApplicationFactory()
        member = MembershipFactory(company=application.job.company).user
        url = reverse("admin:board_application_change", args=[application.pk])
        ApplicationNoteFactory(application=application, author=member)
        admin_client.get(url)  # warms the per-process content type cache, which the admin uses
        with CaptureQueriesContext(connection) as few:
            admin_client.get(url)
        for status in ["reviewing", "interviewing", "offered"]:
            application.move_to(status, by=MembershipFactory(company=application.job.company).user)
        ApplicationNoteFactory.create_batch(5, application=application)
        with CaptureQueriesContext(connection) as many:
            admin_client.get(url)
        assert len(many) == len(few)

    @pytest.mark.parametrize(
        "name", ["jobreport", "moderationlogentry", "notification", "application", "pendingjob"]
    )
    def test_changelists_and_search_answer(self, admin_client, name):
        JobReportFactory()
        ModerationLogEntry.objects.create(job=JobFactory(), action="closed")
        Notification.objects.create(kind="new_application", object_id=1)
        url = reverse(f"admin:board_{name}_changelist")
        assert admin_client.get(url).status_code == 200
        assert admin_client.get(url, {"q": "example"}).status_code == 200


def change_url(job, admin="job"):
    return reverse(f"admin:board_{admin}_change", args=[job.pk])


def button_url(job, name, admin="job"):
    return reverse(f"admin:board_{admin}_{name}", args=[job.pk])


def change_form_data(client, job):
    """What the change form would post back unchanged, inlines included."""
    form = client.get(change_url(job)).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(company=job.company.pk, category=job.category.pk, country="DE")
    if job.posted_by_id:
        data["posted_by"] = job.posted_by_id
    for prefix in ["moderation_log", "reports", "screening_questions"]:
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    return data


class TestWorkflowFieldsAreReadOnly:
    @pytest.mark.parametrize(
        ("start", "posted"),
        [("pending", "published"), ("pending", "rejected"), ("published", "closed")],
    )
    def test_posting_a_status_to_the_change_form_changes_nothing_of_the_workflow(
        self, admin_client, start, posted
    ):
        job = posted_job(status=start) if start != "pending" else posted_job(pending=True)
        before = Job.objects.values("status", "rejection_reason", "published_at", "expires_at")
        before = before.get(pk=job.pk)
        data = change_form_data(admin_client, job)
        data.update(
            title="Edited Title",
            status=posted,
            rejection_reason="Sneaked in",
            published_at_0="2020-01-01",
            published_at_1="10:00:00",
            expires_at_0="2099-01-01",
            expires_at_1="10:00:00",
        )
        response = admin_client.post(change_url(job), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        job.refresh_from_db()
        assert job.title == "Edited Title"  # the rest of the form still saves
        after = Job.objects.values(*before).get(pk=job.pk)
        assert after == before
        assert not ModerationLogEntry.objects.exists()

    def test_the_change_form_shows_the_status_as_text(self, admin_client):
        job = posted_job(pending=True)
        response = admin_client.get(change_url(job))
        assert 'name="status"' not in response.text
        assert 'name="expires_at_0"' not in response.text
        assert "Pending review" in response.text

    def test_an_application_keeps_its_status_job_and_applicant(self, admin_client):
        application = ApplicationFactory()
        url = reverse("admin:board_application_change", args=[application.pk])
        fields = admin_client.get(url).context["adminform"].form.fields
        assert not {"status", "job", "applicant"} & set(fields)
        data = {
            "status": "hired", "job": JobFactory().pk, "applicant": SeekerFactory().pk,
            "cover_letter": "Edited", "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0,
            "notes-TOTAL_FORMS": 0, "notes-INITIAL_FORMS": 0,
            "answers-TOTAL_FORMS": 0, "answers-INITIAL_FORMS": 0,
            "messages-TOTAL_FORMS": 0, "messages-INITIAL_FORMS": 0,
        }  # fmt: skip
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        before = (application.status, application.job_id, application.applicant_id)
        application.refresh_from_db()
        assert application.cover_letter == "Edited"
        assert (application.status, application.job_id, application.applicant_id) == before


class TestChangeFormButtons:
    def test_a_pending_job_offers_approve_and_reject(self, admin_client):
        job = posted_job(pending=True)
        html = admin_client.get(change_url(job)).text
        assert f'action="{button_url(job, "approve")}"' in html
        assert f'action="{button_url(job, "reject")}"' in html
        assert button_url(job, "close") not in html
        assert button_url(job, "dismiss_reports") not in html

    def test_a_published_job_with_reports_offers_close_and_dismiss(self, admin_client):
        job = posted_job()
        JobReportFactory(job=job)
        html = admin_client.get(change_url(job)).text
        assert f'action="{button_url(job, "close")}"' in html
        assert f'action="{button_url(job, "dismiss_reports")}"' in html
        assert button_url(job, "approve") not in html

    def test_approve_logs_and_emails_like_the_action(
        self, admin_client, moderator, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = posted_job(pending=True, title="Rust Engineer")
        JobReportFactory(job=job)
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(button_url(job, "approve"), follow=True)
        assert response.redirect_chain == [(change_url(job), 302)]
        assert "“Rust Engineer” approved and published." in response.text
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED and job.expires_at is not None
        entry = ModerationLogEntry.objects.get()
        assert (entry.job, entry.action, entry.moderator) == (job, "approved", moderator)
        assert JobReport.objects.get().status == "dismissed"
        [message] = mailoutbox
        assert message.to == [job.posted_by.email] and "Rust Engineer" in message.subject

    def test_reject_logs_the_reason_and_emails_it(
        self, admin_client, moderator, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = posted_job(pending=True)
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(button_url(job, "reject"), {"reject-reason": "Add a salary."})
        job.refresh_from_db()
        assert (job.status, job.rejection_reason) == ("rejected", "Add a salary.")
        entry = ModerationLogEntry.objects.get()
        assert (entry.action, entry.moderator, entry.reason) == (
            "rejected",
            moderator,
            "Add a salary.",
        )
        [message] = mailoutbox
        assert message.to == [job.posted_by.email] and "Add a salary." in message.body

    @pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
    def test_reject_without_a_usable_reason_changes_nothing(self, admin_client, reason):
        job = posted_job(pending=True)
        response = admin_client.post(
            button_url(job, "reject"), {"reject-reason": reason}, follow=True
        )
        assert response.status_code == 200
        assert "The job was not rejected:" in response.text
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING
        assert not ModerationLogEntry.objects.exists() and not Notification.objects.exists()

    def test_close_logs_the_reason(self, admin_client, moderator):
        job = posted_job()
        JobReportFactory(job=job)
        admin_client.post(button_url(job, "close"), {"close-reason": "Scam, confirmed."})
        job.refresh_from_db()
        assert job.status == Job.Status.CLOSED
        entry = ModerationLogEntry.objects.get()
        assert (entry.action, entry.moderator, entry.reason) == (
            "closed",
            moderator,
            "Scam, confirmed.",
        )
        assert JobReport.objects.get().status == "actioned"

    def test_dismiss_reports_resolves_them_and_logs(self, admin_client, moderator):
        job = posted_job()
        JobReportFactory.create_batch(2, job=job)
        response = admin_client.post(button_url(job, "dismiss_reports"), follow=True)
        assert "Open reports on" in response.text
        assert set(JobReport.objects.values_list("status", "resolved_by")) == {
            ("dismissed", moderator.pk)
        }
        entry = ModerationLogEntry.objects.get()
        assert (entry.action, entry.moderator) == ("dismissed", moderator)

    def test_a_transition_the_status_does_not_allow_is_refused_with_a_message(self, admin_client):
        job = posted_job()  # published: a stale page, or a hand-made POST
        response = admin_client.post(button_url(job, "approve"), follow=True)
        assert "was not changed: A published job cannot do that." in response.text
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert not ModerationLogEntry.objects.exists() and not Notification.objects.exists()

    def test_from_the_review_queue_it_returns_to_the_queue(self, admin_client):
        job = posted_job(pending=True)
        html = admin_client.get(change_url(job, "pendingjob")).text
        assert button_url(job, "approve", "pendingjob") in html
        response = admin_client.post(button_url(job, "approve", "pendingjob"))
        assert response["Location"] == QUEUE

    def test_get_is_refused(self, admin_client):
        job = posted_job(pending=True)
        assert admin_client.get(button_url(job, "approve")).status_code == 405
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    def test_a_missing_job_is_404(self, admin_client):
        assert (
            admin_client.post(reverse("admin:board_job_approve", args=[987654])).status_code == 404
        )

    @pytest.mark.parametrize("name", ["approve", "reject", "close", "dismiss_reports"])
    def test_non_staff_and_anonymous_cannot(self, client, name):
        job = posted_job(pending=True) if name in ("approve", "reject") else posted_job()
        JobReportFactory(job=job)
        data = {"reject-reason": "No", "close-reason": ""}
        anonymous = client.post(button_url(job, name), data)
        client.force_login(job.posted_by)
        employer = client.post(button_url(job, name), data)
        for response in (anonymous, employer):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
        job.refresh_from_db()
        assert job.status in ("pending", "published")
        assert JobReport.objects.get().status == "open"
        assert not ModerationLogEntry.objects.exists()

    def test_staff_without_the_permission_to_change_jobs_get_403(self, client):
        job = posted_job(pending=True)
        client.force_login(StaffFactory(is_superuser=False))
        assert client.post(button_url(job, "approve")).status_code == 403
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    def test_a_post_without_the_csrf_token_is_refused(self, moderator):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(moderator)
        job = posted_job(pending=True)
        assert client.post(button_url(job, "approve")).status_code == 403
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING


class TestReportStanding:
    def test_moderators_see_which_reports_count(self, admin_client):
        job = JobFactory()
        JobReportFactory(job=job, reporter=MembershipFactory().user)
        JobReportFactory(job=job)
        reports = admin_client.get(REPORTS).context["cl"].result_list
        assert sorted(r.counts for r in reports) == [False, True]
        html = admin_client.get(change_url(job)).text
        assert "Counts toward hiding" in html
