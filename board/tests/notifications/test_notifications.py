"""The e-mail outbox (board/notifications/outbox.py) and the application e-mails it sends."""

import smtplib
from datetime import timedelta
from email import message_from_bytes
from unittest import mock

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from board.applications.emails import STATUS_NEWS
from board.applications.models import Application
from board.notifications import outbox as notifications
from board.notifications.models import Notification
from board.notifications.outbox import BUILDERS, deliver, notify, send_pending
from board.tests import resume_files
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

Kind = Notification.Kind
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"
INJECTION = "Engineer\r\nBcc: evil@example.com\r\nX-Evil: 1"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def application():
    company = CompanyFactory(name="Acme")
    MembershipFactory(company=company, user=EmployerFactory(email="owner@acme.example"))
    MembershipFactory(
        company=company, user=EmployerFactory(email="recruiter@acme.example"), role="recruiter"
    )
    applicant = SeekerFactory(email="ada@example.com", first_name="Ada", last_name="Lovelace")
    return ApplicationFactory(
        job=JobFactory(company=company, title="Data Engineer"),
        applicant=applicant,
        cover_letter="My secret cover letter",
    )


def html_of(message):
    return message.alternatives[0].content


def parsed(message):
    return message_from_bytes(message.message().as_bytes())


class TestOutbox:
    def test_notify_writes_a_row_and_sends_once_after_the_commit(
        self, application, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                notification = notify(Kind.NEW_APPLICATION, application.pk)
            assert Notification.objects.pending().get() == notification
            assert mailoutbox == []  # nothing is sent before the commit
        assert len(callbacks) == 1
        assert len(mailoutbox) == 2  # one message per member of the company
        notification.refresh_from_db()
        assert notification.sent_at is not None
        assert notification.attempts == 1

    def test_delivering_twice_sends_once(self, application, mailoutbox):
        notification = notify(
            Kind.STATUS_CHANGED,
            application.events.create(from_status="submitted", to_status="reviewing").pk,
        )
        assert deliver(notification.pk) is True
        assert deliver(notification.pk) is False
        assert len(mailoutbox) == 1
        notification.refresh_from_db()
        assert notification.attempts == 1

    def test_an_smtp_failure_leaves_the_row_pending_and_send_pending_sends_it_later(
        self, application, mailoutbox
    ):
        notification = notify(Kind.NEW_APPLICATION, application.pk)
        error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        with mock.patch(LOCMEM_SEND, side_effect=error), pytest.raises(OSError):
            deliver(notification.pk)
        notification.refresh_from_db()
        assert notification.sent_at is None
        assert notification.attempts == 1
        assert notification.last_error == ("SMTPServerDisconnected: Connection unexpectedly closed")
        assert "@" not in notification.last_error  # no addresses kept
        # Too recent for the sweeper: the queue's own retries come first.
        assert send_pending() == (0, 0)
        Notification.objects.update(created=timezone.now() - timedelta(minutes=5))
        assert send_pending() == (1, 0)
        notification.refresh_from_db()
        assert notification.sent_at is not None
        assert notification.attempts == 2
        assert len(mailoutbox) == 2
        assert send_pending() == (0, 0)  # nothing twice

    def test_send_pending_counts_failures_and_gives_up_after_max_attempts(self, application):
        notify(Kind.NEW_APPLICATION, application.pk)
        Notification.objects.update(created=timezone.now() - timedelta(minutes=5))
        with mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPServerDisconnected("down")):
            assert send_pending() == (0, 1)
        Notification.objects.update(attempts=notifications.MAX_ATTEMPTS)
        assert send_pending() == (0, 0)

    def test_applying_succeeds_while_the_mail_server_is_down(
        self, client, django_capture_on_commit_callbacks, mailoutbox
    ):
        job = JobFactory()
        MembershipFactory(company=job.company)
        seeker = SeekerFactory()
        client.force_login(seeker)
        error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        with (
            mock.patch(LOCMEM_SEND, side_effect=error),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(
                reverse("apply_to_job", args=[job.pk]),
                {"resume": resume_files.good_pdf()},
                follow=True,
            )
        assert response.status_code == 200
        assert "Your application was sent." in response.text
        application = Application.objects.get()
        notification = Notification.objects.get(kind="new_application")
        assert notification.object_id == application.pk
        assert (notification.sent_at, notification.attempts) == (None, 1)
        assert notification.last_error.startswith("SMTPServerDisconnected")
        assert mailoutbox == []
        Notification.objects.update(created=timezone.now() - timedelta(minutes=5))
        # The company's e-mail, and the applicant's receipt (issue 16).
        assert send_pending() == (2, 0)
        assert sorted(m.to[0] for m in mailoutbox) == sorted(
            [job.company.memberships.get().user.email, seeker.email]
        )

    def test_a_failed_application_leaves_no_notification(self, client):
        # The row and its notification are written together, or not at all.
        job = JobFactory()
        client.force_login(SeekerFactory())
        client.post(reverse("apply_to_job", args=[job.pk]), {"resume": ""})
        assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
class TestRealCommits:
    def test_sent_when_the_transaction_commits(self, application, mailoutbox):
        with transaction.atomic():
            notify(Kind.NEW_APPLICATION, application.pk)
            assert mailoutbox == []
        assert len(mailoutbox) == 2
        assert Notification.objects.get().sent_at is not None

    def test_nothing_written_or_sent_when_it_rolls_back(self, application, mailoutbox):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(Kind.NEW_APPLICATION, application.pk)
            raise RuntimeError("the cause failed")
        assert not Notification.objects.exists()
        assert mailoutbox == []


class TestNewApplicationEmail:
    def test_one_message_to_each_member_of_the_company(self, application):
        MembershipFactory()  # another company's member
        gone = EmployerFactory(email="gone@acme.example", is_active=False)
        MembershipFactory(company=application.job.company, user=gone)
        messages = BUILDERS[Kind.NEW_APPLICATION](application.pk)
        assert [m.to for m in messages] == [["owner@acme.example"], ["recruiter@acme.example"]]
        for message in messages:
            assert message.subject == "[Nexus Jobs] New application for Data Engineer"
            assert message.from_email == settings.DEFAULT_FROM_EMAIL
            link = settings.SITE_URL + reverse("employer_applicants", args=[application.job.pk])
            assert link in message.body
            assert link in html_of(message)

    def test_no_personal_data_of_the_applicant(self, application):
        ApplicationNoteFactory(application=application, body="Internal remark")
        for message in BUILDERS[Kind.NEW_APPLICATION](application.pk):
            raw = message.message().as_string()
            for private in ["My secret cover letter", "ada@example.com", "Lovelace", "resumes/"]:
                assert private not in raw
            assert "Internal remark" not in raw
            assert not message.attachments

    def test_nothing_for_an_application_that_is_gone(self, application):
        application_id = application.pk
        application.delete()
        assert BUILDERS[Kind.NEW_APPLICATION](application_id) == []

    def test_a_title_cannot_add_headers_or_recipients(self, application, mailoutbox):
        application.job.title = INJECTION
        application.job.save()
        notification = notify(Kind.NEW_APPLICATION, application.pk)
        deliver(notification.pk)
        assert len(mailoutbox) == 2
        for message in mailoutbox:
            assert message.recipients() in (["owner@acme.example"], ["recruiter@acme.example"])
            headers = parsed(message)
            assert headers["Bcc"] is None and headers["X-Evil"] is None
            assert "\n" not in message.subject and "\r" not in message.subject
            assert "evil@example.com" not in headers.get_all("To", [])[0]

    def test_html_is_escaped(self, application):
        application.job.title = XSS
        application.job.save()
        html = html_of(BUILDERS[Kind.NEW_APPLICATION](application.pk)[0])
        assert XSS not in html
        assert "<script>" not in html
        assert "&lt;script&gt;" in html


class TestStatusChangedEmail:
    def event(self, application, to_status="interviewing"):
        employer = application.job.company.memberships.first().user
        return application.move_to(to_status, by=employer)

    def test_to_the_applicant_with_the_new_status_and_a_link(self, application):
        event = self.event(application)
        [message] = BUILDERS[Kind.STATUS_CHANGED](event.pk)
        assert message.to == ["ada@example.com"]
        assert message.subject == "[Nexus Jobs] Your application for Data Engineer: interviewing"
        assert "Hello Ada Lovelace" in message.body
        assert "The company would like to interview you." in message.body
        assert "Status: Interviewing" in message.body
        link = settings.SITE_URL + reverse("my_application", args=[application.pk])
        assert link in message.body
        assert link in html_of(message)

    @pytest.mark.parametrize("status", ["reviewing", "interviewing", "offered", "rejected"])
    def test_every_status_has_words(self, application, status):
        [message] = BUILDERS[Kind.STATUS_CHANGED](self.event(application, status).pk)
        assert str(STATUS_NEWS[status]) in message.body

    def test_never_the_notes(self, application):
        ApplicationNoteFactory(application=application, body="Do not hire: too expensive")
        [message] = BUILDERS[Kind.STATUS_CHANGED](self.event(application, "rejected").pk)
        raw = message.message().as_string()
        assert "too expensive" not in raw
        assert "My secret cover letter" not in raw

    def test_nothing_for_an_event_that_is_gone(self, application):
        event = self.event(application)
        event_id = event.pk
        application.delete()
        assert BUILDERS[Kind.STATUS_CHANGED](event_id) == []

    def test_names_and_titles_cannot_add_headers_or_recipients(self, application, mailoutbox):
        application.job.title = INJECTION
        application.job.save()
        application.applicant.first_name = "Ada\r\nBcc: evil@example.com"
        application.applicant.save()
        deliver(notify(Kind.STATUS_CHANGED, self.event(application).pk).pk)
        [message] = mailoutbox
        assert message.recipients() == ["ada@example.com"]
        headers = parsed(message)
        assert headers["Bcc"] is None and headers["X-Evil"] is None
        assert headers["To"] == "ada@example.com"

    def test_html_is_escaped(self, application):
        application.job.title = XSS
        application.job.save()
        application.job.company.name = XSS
        application.job.company.save()
        application.applicant.first_name = XSS
        application.applicant.save()
        [message] = BUILDERS[Kind.STATUS_CHANGED](self.event(application).pk)
        html = html_of(message)
        assert "<script>" not in html
        assert "<img src=x" not in html
        assert html.count("&lt;script&gt;") >= 3  # title, company and name

    def test_the_employer_moving_an_application_sends_it_once(
        self, client, application, django_capture_on_commit_callbacks, mailoutbox
    ):
        employer = application.job.company.memberships.first().user
        client.force_login(employer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("employer_move_application", args=[application.pk]),
                {"status": "offered"},
            )
        [message] = mailoutbox
        assert message.to == ["ada@example.com"]
        assert "The company is making you an offer." in message.body
