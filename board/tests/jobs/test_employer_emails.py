"""The e-mails of board/companies/emails.py and jobs.py: recipients, subjects, links, safety."""

import email

import pytest
from django.core import mail
from django.utils import timezone

from board.companies.emails import invitation as invitation_email
from board.companies.models import Membership
from board.jobs.emails import job_approved, job_rejected
from board.jobs.models import ModerationLogEntry
from board.moderation import decisions
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://jobs.example.com"
INJECTION = "Acme\r\nBcc: evil@example.com"
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def poster(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


def _html(message):
    return message.alternatives[0].content


def _assert_single_recipient(message, address):
    # What a mail server would read: no header of the attacker's own.
    parsed = email.message_from_string(message.message().as_string())
    assert parsed["Bcc"] is None
    assert "evil@example.com" not in (parsed["To"] + str(parsed["Cc"]))
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert not any(line.lower().startswith("bcc") for line in headers.splitlines())
    assert message.recipients() == [address]
    assert "\n" not in message.subject and "\r" not in message.subject


class TestInvitation:
    def test_to_the_invitee_with_an_absolute_signed_link(self, company, employer):
        invitation = InvitationFactory(company=company, invited_by=employer)
        [message] = invitation_email(invitation.pk)
        assert message.to == [invitation.email]
        assert message.subject == f"[Nexus Jobs] You are invited to join {company.name}"
        link = next(w for w in message.body.split() if w.startswith(SITE))
        assert link.startswith(f"{SITE}/employer/invitations/")
        assert f'href="{link}"' in _html(message)
        assert employer.display_name in message.body

    def test_nothing_for_a_revoked_or_used_invitation(self, company):
        used = InvitationFactory(company=company, accepted_at=timezone.now())
        assert invitation_email(used.pk) == []
        gone = InvitationFactory(company=company)
        gone.delete()
        assert invitation_email(gone.pk) == []

    def test_header_injection_in_the_company_name(self):
        company = CompanyFactory(name=INJECTION)
        invitation = InvitationFactory(company=company, email="invitee@example.com")
        [message] = invitation_email(invitation.pk)
        _assert_single_recipient(message, "invitee@example.com")
        assert message.subject == "[Nexus Jobs] You are invited to join Acme Bcc: evil@example.com"

    def test_xss_in_the_company_name_is_escaped_in_html(self):
        invitation = InvitationFactory(company=CompanyFactory(name=XSS))
        [message] = invitation_email(invitation.pk)
        html = _html(message)
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


class TestJobApproved:
    def test_to_the_poster_with_a_link_to_the_live_job(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, title="Data Engineer")
        [message] = job_approved(job.pk)
        assert message.to == [poster.email]
        assert message.subject == "[Nexus Jobs] Your job “Data Engineer” is live"
        url = SITE + job.get_absolute_url()
        assert url in message.body
        assert f'href="{url}"' in _html(message)

    def test_sent_when_a_moderator_approves(
        self, company, poster, django_capture_on_commit_callbacks
    ):
        job = JobFactory(company=company, posted_by=poster, pending=True)
        with django_capture_on_commit_callbacks(execute=True):
            decisions.approve_job(job, StaffFactory())
        [message] = mail.outbox
        assert message.to == [poster.email]
        assert SITE + job.get_absolute_url() in message.body

    def test_nothing_when_the_job_or_the_poster_is_gone(self, company, poster):
        job = JobFactory(company=company, posted_by=None)
        assert job_approved(job.pk) == []
        assert job_approved(job.pk + 1000) == []

    def test_nothing_when_the_poster_left_the_company(self, company, poster):
        job = JobFactory(company=company, posted_by=poster)
        Membership.objects.filter(user=poster).delete()
        assert job_approved(job.pk) == []

    def test_header_injection_in_the_title(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, title=INJECTION)
        [message] = job_approved(job.pk)
        _assert_single_recipient(message, poster.email)

    def test_xss_in_the_title_is_escaped_in_html(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, title=XSS)
        html = _html(job_approved(job.pk)[0])
        assert "<script>" not in html and "<img src=x" not in html


class TestJobRejected:
    def _reject(self, job, reason="Please add a salary range."):
        job.reject(reason)
        return ModerationLogEntry.objects.create(
            job=job, action=ModerationLogEntry.Action.REJECTED, reason=reason
        )

    def test_to_the_poster_quoting_the_reason_with_a_dashboard_link(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, pending=True, title="Nurse")
        entry = self._reject(job)
        [message] = job_rejected(entry.pk)
        assert message.to == [poster.email]
        assert "Nurse" in message.subject
        assert "Please add a salary range." in message.body
        assert "Please add a salary range." in _html(message)
        assert f"{SITE}/employer/" in message.body
        assert f'href="{SITE}/employer/"' in _html(message)
        assert f"{SITE}/employer/jobs/{job.pk}/edit/" in message.body

    def test_quotes_the_entrys_reason_even_after_a_later_rejection(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, pending=True)
        first = self._reject(job, "First reason.")
        job.status = "pending"
        job.save()
        self._reject(job, "Second reason.")
        [message] = job_rejected(first.pk)
        assert "First reason." in message.body and "Second reason." not in message.body

    def test_sent_when_a_moderator_rejects(
        self, company, poster, django_capture_on_commit_callbacks
    ):
        job = JobFactory(company=company, posted_by=poster, pending=True)
        with django_capture_on_commit_callbacks(execute=True):
            decisions.reject_job(job, StaffFactory(), "Say where the job is.")
        [message] = mail.outbox
        assert message.to == [poster.email]
        assert "Say where the job is." in message.body

    def test_nothing_when_the_entry_or_the_poster_is_gone(self, company):
        job = JobFactory(company=company, posted_by=EmployerFactory(), pending=True)
        entry = self._reject(job)
        assert job_rejected(entry.pk) == []  # the poster is not a member
        assert job_rejected(entry.pk + 1000) == []

    def test_header_injection_and_xss(self, company, poster):
        job = JobFactory(company=company, posted_by=poster, pending=True, title=INJECTION)
        entry = self._reject(job, XSS)
        [message] = job_rejected(entry.pk)
        _assert_single_recipient(message, poster.email)
        html = _html(message)
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html
