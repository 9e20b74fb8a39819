"""Moderators told of jobs waiting for review (the digest, the admin's badge), and
the job's preview in the admin with its approve and reject buttons."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from board.jobs import workflow
from board.jobs.models import Job, ModerationLogEntry
from board.moderation.review import queue_review_digest
from board.notifications.models import Notification
from board.tests.factories import (
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


@pytest.fixture
def moderator():
    return StaffFactory(email="mo@example.com")


@pytest.fixture
def member():
    return MembershipFactory().user  # of an unverified company: its jobs go to review


def submitted(member, **fields):
    job = JobFactory(company=member.memberships.get().company, draft=True, **fields)
    workflow.submit_job(job, member)
    return job


class TestDigest:
    def test_nothing_waiting_no_email(self, moderator, member, mailoutbox):
        assert queue_review_digest() is None
        job = submitted(member)
        job.approve()  # decided before the digest ran
        assert queue_review_digest() is None
        assert not Notification.objects.filter(kind="review_digest").exists()

    def test_submitted_and_resubmitted_jobs_once(
        self, moderator, member, django_capture_on_commit_callbacks, mailoutbox
    ):
        StaffFactory(email="support@example.com", is_superuser=False)  # not a moderator
        with django_capture_on_commit_callbacks(execute=True):
            first = submitted(member, title="Rust <Dev>")
            assert queue_review_digest() is not None
            assert queue_review_digest() is None  # nothing new since
            first.reject("Add a salary")
            workflow.submit_job(first, member)  # resubmitted
            second = submitted(member, title="Go Dev")
            assert queue_review_digest() is not None
        assert [m.to for m in mailoutbox] == [["mo@example.com"], ["mo@example.com"]]
        one, two = mailoutbox
        assert one.subject == "[Nexus Jobs] 1 job to review" and "Rust <Dev>" in one.body
        assert two.subject == "[Nexus Jobs] 2 jobs to review"
        assert "Rust &lt;Dev&gt;" in two.alternatives[0][0]
        preview = reverse("admin:board_job_preview", args=[second.pk])
        assert preview in two.body

    def test_reopened_and_returned_jobs_count(self, moderator, member):
        closed = JobFactory(company=member.memberships.get().company, status=Job.Status.CLOSED)
        workflow.reopen_job(closed, member)
        assert queue_review_digest() is not None

    def test_verified_companies_publish_without_review(self, moderator, member):
        company = member.memberships.get().company
        company.verified = True
        company.save()
        submitted(member)
        assert queue_review_digest() is None
        assert not ModerationLogEntry.objects.filter(action="submitted").exists()

    def test_the_command(self, moderator, member, capsys):
        call_command("send_review_digest")
        assert "No job newly waiting" in capsys.readouterr().out
        submitted(member)
        call_command("send_review_digest")
        assert "Digest queued." in capsys.readouterr().out


class TestBadge:
    def test_the_admin_shows_how_many_wait(self, client, moderator, member):
        client.force_login(moderator)
        assert "review-queue-badge" not in client.get(reverse("admin:index")).text
        submitted(member)
        submitted(member)
        html = client.get(reverse("admin:index")).text
        assert "2 jobs to review" in html
        assert reverse("admin:board_pendingjob_changelist") in html
        queue = client.get(reverse("admin:board_pendingjob_changelist")).text
        assert "Review queue: 2 jobs waiting" in queue

    def test_staff_who_cannot_change_jobs_see_no_badge(self, client, member):
        support = StaffFactory(is_superuser=False)
        support.user_permissions.add(Permission.objects.get(codename="view_notification"))
        submitted(member)
        client.force_login(support)
        assert "review-queue-badge" not in client.get(reverse("admin:index")).text

    def test_a_moderators_group_sees_it(self, client, member):
        group = Group.objects.create(name="Moderators")
        group.permissions.add(Permission.objects.get(codename="change_job"))
        staff = StaffFactory(is_superuser=False)
        staff.groups.add(group)
        submitted(member)
        client.force_login(staff)
        assert "1 job to review" in client.get(reverse("admin:index")).text


class TestPreview:
    def test_staff_see_the_job_as_seekers_will_with_the_buttons(self, client, moderator, member):
        job = submitted(member, title="Data Engineer", description=f"**Bold** {XSS}")
        client.force_login(moderator)
        response = client.get(reverse("admin:board_job_preview", args=[job.pk]))
        assert response.status_code == 200
        html = response.text
        assert "Data Engineer" in html and "<strong>Bold</strong>" in html
        assert XSS not in html
        assert 'id="apply-panel"' in html  # the public page's own template
        assert 'type="application/ld+json"' not in html
        assert reverse("admin:board_job_approve", args=[job.pk]) in html
        assert reverse("admin:board_job_reject", args=[job.pk]) in html
        change = client.get(reverse("admin:board_job_change", args=[job.pk])).text
        assert reverse("admin:board_job_preview", args=[job.pk]) in change

    def test_approve_and_reject_from_the_preview(self, client, moderator, member):
        client.force_login(moderator)
        job = submitted(member)
        client.post(reverse("admin:board_job_approve", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        other = submitted(member)
        client.post(
            reverse("admin:board_job_reject", args=[other.pk]), {"reject-reason": "Add a salary"}
        )
        other.refresh_from_db()
        assert (other.status, other.rejection_reason) == ("rejected", "Add a salary")
        entry = other.moderation_log.get(action="rejected")
        assert entry.moderator == moderator

    def test_published_jobs_have_no_approve_button(self, client, moderator):
        job = JobFactory()
        client.force_login(moderator)
        html = client.get(reverse("admin:board_job_preview", args=[job.pk])).text
        assert reverse("admin:board_job_approve", args=[job.pk]) not in html

    @pytest.mark.parametrize("who", ["seeker", "employer", "member", "anonymous"])
    def test_refused_to_non_staff(self, member, who):
        job = submitted(member)
        users = {
            "seeker": SeekerFactory(),
            "employer": EmployerFactory(),
            "member": member,
            "anonymous": None,
        }
        client = Client()
        if users[who] is not None:
            client.force_login(users[who])
        preview = client.get(reverse("admin:board_job_preview", args=[job.pk]))
        assert preview.status_code == 302 and "/login/" in preview["Location"]
        for name, data in [("approve", {}), ("reject", {"reject-reason": "No"})]:
            response = client.post(reverse(f"admin:board_job_{name}", args=[job.pk]), data)
            assert response.status_code == 302 and "/login/" in response["Location"]
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    def test_staff_without_the_permission_cannot_approve(self, member):
        job = submitted(member)
        client = Client()
        client.force_login(StaffFactory(is_superuser=False))
        assert client.get(reverse("admin:board_job_preview", args=[job.pk])).status_code == 403
        response = client.post(reverse("admin:board_job_approve", args=[job.pk]))
        assert response.status_code == 403
        assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING

    def test_a_missing_job_is_404(self, client, moderator):
        client.force_login(moderator)
        assert client.get(reverse("admin:board_job_preview", args=[999999])).status_code == 404
