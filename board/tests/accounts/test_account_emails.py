"""allauth's e-mails go through the outbox (board/accounts/adapter.py).

A mail server that is down never turns a sign-up or a password reset into a server error:
the user sees the usual "check your inbox" page, the message waits in the outbox, and the
sweeper sends it once the server is back. The mail server here is real, not a mock: aiosmtpd
on a loopback port, reached through Django's SMTP backend configured from EMAIL_URL exactly
as production configures it (site_config.settings.mailers_from_url).
"""

import logging
import re
from datetime import timedelta

import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from board.accounts.models import User
from board.notifications import outbox as notifications
from board.notifications.models import Notification
from board.notifications.outbox import DeliveryFailed, deliver, send_pending, stored
from board.notifications.tasks import send_pending_notifications
from board.tests.factories import PASSWORD, SeekerFactory
from board.tests.smtp_server import SmtpServer, text_of
from site_config.settings import mailers_from_url

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-pass-2026-x"


@pytest.fixture
def smtp(settings):
    """The site mails through SMTP to a server that is down until the test starts it."""
    server = SmtpServer()
    settings.MAILERS = mailers_from_url(server.url)
    yield server
    server.stop()


def path_of_link(text, prefix):
    link = re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S+)", text)
    assert link, f"no {prefix} link in the e-mail"
    return link.group(1)


def signup(client, email="new@example.com"):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "role": "seeker"}
    return client.post(reverse("account_signup"), data, follow=True)


def sweep_later():
    """What beat's send_pending_notifications does once the rows are a few minutes old."""
    Notification.objects.update(created=timezone.now() - timedelta(minutes=5))
    send_pending_notifications()


class TestMailServerDown:
    def test_signup_answers_check_your_inbox_and_the_mail_verifies_once_the_server_is_back(
        self, client, smtp, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = signup(client)
        assert response.status_code == 200
        assert response.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
        assert "We have sent an email to you for verification" in response.text
        user = User.objects.get(email="new@example.com")
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("account_email", user.pk)
        assert (notification.sent_at, notification.attempts) == (None, 1)
        assert notification.last_error.startswith("ConnectionRefusedError")
        assert notification.payload is not None  # the message waits in the outbox

        smtp.start()
        sweep_later()
        [message] = smtp.messages
        assert message["To"] == "new@example.com"
        assert message["Subject"] == "[Nexus Jobs] Confirm your e-mail address"
        notification.refresh_from_db()
        assert notification.sent_at is not None
        assert notification.payload is None  # the key is not kept once sent

        client.post(path_of_link(text_of(message), "/accounts/confirm-email/"))
        assert EmailAddress.objects.get(email="new@example.com").verified

    def test_password_reset_answers_as_usual_and_the_mailed_link_works_once_the_server_is_back(
        self, client, smtp, django_capture_on_commit_callbacks
    ):
        user = SeekerFactory(email="ada@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("account_reset_password"), {"email": "ada@example.com"}, follow=True
            )
        assert response.status_code == 200
        assert response.redirect_chain == [(reverse("account_reset_password_done"), 302)]
        assert "We have sent you an email" in response.text
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("account_email", user.pk)
        assert (notification.sent_at, notification.attempts) == (None, 1)
        assert notification.last_error.startswith("ConnectionRefusedError")

        smtp.start()
        sweep_later()
        [message] = smtp.messages
        assert message["To"] == "ada@example.com"
        assert Notification.objects.get().payload is None

        # allauth moves the key from the URL into the session, then asks for the password.
        path = path_of_link(text_of(message), "/accounts/password/reset/key/")
        form_page = client.get(path, follow=True)
        assert form_page.status_code == 200
        url = form_page.redirect_chain[-1][0]
        client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)

    def test_a_server_that_goes_down_again_keeps_the_mail_until_it_returns(
        self, client, smtp, django_capture_on_commit_callbacks
    ):
        smtp.start()
        smtp.stop()
        with django_capture_on_commit_callbacks(execute=True):
            assert signup(client).status_code == 200
        sweep_later()  # still down: a second failed attempt, still pending
        notification = Notification.objects.get()
        assert (notification.sent_at, notification.attempts) == (None, 2)
        smtp.start()
        sweep_later()
        assert len(smtp.messages) == 1
        sweep_later()
        assert len(smtp.messages) == 1  # sent once

    def test_with_the_server_up_the_mail_goes_out_right_after_the_signup(
        self, client, smtp, django_capture_on_commit_callbacks
    ):
        smtp.start()
        with django_capture_on_commit_callbacks(execute=True):
            signup(client)
        [message] = smtp.messages
        assert message["To"] == "new@example.com"
        notification = Notification.objects.get()
        assert (notification.attempts, notification.payload) == (1, None)
        assert notification.sent_at is not None

    def test_no_address_or_key_in_the_logs_or_the_recorded_error(
        self, client, smtp, django_capture_on_commit_callbacks, caplog
    ):
        caplog.set_level(logging.DEBUG)
        smtp.start()
        smtp.refused.add("new@example.com")  # the server quotes the address it refuses
        with django_capture_on_commit_callbacks(execute=True):
            assert signup(client).status_code == 200
        notification = Notification.objects.get()
        assert notification.last_error.startswith("SMTPRecipientsRefused")
        assert "<address>" in notification.last_error
        # What a worker would log about the failure (Celery logs the exception raised).
        Notification.objects.update(created=timezone.now() - timedelta(minutes=5))
        with pytest.raises(DeliveryFailed) as failure:
            deliver(notification.pk)
        smtp.refused.clear()
        sweep_later()
        [message] = smtp.messages
        key = path_of_link(text_of(message), "/accounts/confirm-email/").split("/")[-2]
        # Our logs, not the test SMTP server's own ("mail.log"), which records its dialogue.
        logged = "\n".join(
            caplog.handler.format(record)
            for record in caplog.records
            if not record.name.startswith("mail.log")
        )
        for text in (logged, str(failure.value), notification.last_error):
            assert "new@example.com" not in text
            assert key not in text


class TestEveryAccountMailGoesThroughTheOutbox:
    """Each flow of allauth that mails: the same page as before, the mail in mail.outbox
    (the test settings' memory backend, as the console backend locally), via the outbox."""

    def sent(self, capture, do):
        with capture(execute=True):
            response = do()
        assert response.status_code in (200, 302)
        notifications_ = list(Notification.objects.all())
        assert [n.kind for n in notifications_] == ["account_email"] * len(mail.outbox)
        assert all(n.sent_at and n.payload is None for n in notifications_)
        return response

    def test_signup(self, client, django_capture_on_commit_callbacks):
        self.sent(django_capture_on_commit_callbacks, lambda: signup(client))
        [message] = mail.outbox
        assert message.to == ["new@example.com"]
        assert "/accounts/confirm-email/" in message.body

    def test_signup_with_a_taken_address_mails_its_owner_and_says_the_same(
        self, client, django_capture_on_commit_callbacks
    ):
        SeekerFactory(email="taken@example.com")
        response = self.sent(
            django_capture_on_commit_callbacks, lambda: signup(client, "taken@example.com")
        )
        assert "We have sent an email to you for verification" in response.text
        [message] = mail.outbox
        assert message.to == ["taken@example.com"]
        assert message.subject == "[Nexus Jobs] You already have an account"
        assert Notification.objects.get().object_id == 0  # allauth names no user here

    def test_password_reset_for_an_unknown_address_says_the_same(
        self, client, django_capture_on_commit_callbacks
    ):
        response = self.sent(
            django_capture_on_commit_callbacks,
            lambda: client.post(
                reverse("account_reset_password"), {"email": "nobody@example.com"}, follow=True
            ),
        )
        assert "We have sent you an email" in response.text
        [message] = mail.outbox
        assert message.to == ["nobody@example.com"]
        assert message.subject == "[Nexus Jobs] No account with this address"
        assert Notification.objects.get().object_id == 0  # no account to name

    def test_password_reset(self, client, django_capture_on_commit_callbacks):
        SeekerFactory(email="ada@example.com")
        self.sent(
            django_capture_on_commit_callbacks,
            lambda: client.post(reverse("account_reset_password"), {"email": "ada@example.com"}),
        )
        [message] = mail.outbox
        assert message.subject == "[Nexus Jobs] Reset your password"
        assert "/accounts/password/reset/key/" in message.body

    def test_signing_in_unverified_resends_the_verification(
        self, client, django_capture_on_commit_callbacks
    ):
        SeekerFactory(email="later@example.com", verified=False)
        EmailAddress.objects.create(
            user=User.objects.get(), email="later@example.com", primary=True, verified=False
        )
        response = self.sent(
            django_capture_on_commit_callbacks,
            lambda: client.post(
                reverse("account_login"), {"login": "later@example.com", "password": PASSWORD}
            ),
        )
        assert response["Location"] == reverse("account_email_verification_sent")
        [message] = mail.outbox
        assert message.to == ["later@example.com"]
        assert "/accounts/confirm-email/" in message.body

    def test_adding_an_address_and_resending_its_verification(
        self, client, django_capture_on_commit_callbacks
    ):
        client.force_login(SeekerFactory(email="ada@example.com"))
        add = {"action_add": "", "email": "second@example.com"}
        self.sent(
            django_capture_on_commit_callbacks,
            lambda: client.post(reverse("account_email"), add),
        )
        [message] = mail.outbox
        assert message.to == ["second@example.com"]
        assert "/accounts/confirm-email/" in message.body
        cache.clear()  # allauth allows one resend per address every 3 minutes
        resend = {"action_send": "", "email": "second@example.com"}
        self.sent(
            django_capture_on_commit_callbacks,
            lambda: client.post(reverse("account_email"), resend),
        )
        assert [m.to for m in mail.outbox] == [["second@example.com"]] * 2


class TestStoredMessages:
    def test_an_html_only_message_is_sent_as_it_was_rendered(self, mailoutbox):
        message = EmailMessage("Hi", "<p>Hello</p>", "from@example.com", ["to@example.com"])
        message.content_subtype = "html"
        notification = notifications.notify("account_email", 0, payload=stored(message))
        deliver(notification.pk)
        [sent] = mailoutbox
        assert (sent.subject, sent.body, sent.content_subtype) == ("Hi", "<p>Hello</p>", "html")
        assert sent.message().get_content_type() == "text/html"

    def test_a_payload_outliving_its_links_is_forgotten_unsent(self, client, mailoutbox):
        assert (
            timedelta(days=allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS)
            <= notifications.PAYLOAD_LIFETIME
        )
        assert (
            timedelta(seconds=django_settings.PASSWORD_RESET_TIMEOUT)
            <= notifications.PAYLOAD_LIFETIME
        )
        message = EmailMessage("Reset", "secret-key-123", "from@example.com", ["to@example.com"])
        old = notifications.notify("account_email", 0, payload=stored(message))
        fresh = notifications.notify("account_email", 0, payload=stored(message))
        Notification.objects.filter(pk=old.pk).update(
            created=timezone.now() - notifications.PAYLOAD_LIFETIME - timedelta(minutes=1)
        )
        Notification.objects.filter(pk=fresh.pk).update(
            created=timezone.now() - timedelta(minutes=5)
        )
        assert send_pending() == (1, 0)  # the fresh one
        old.refresh_from_db()
        assert (old.payload, old.sent_at) == (None, None)
        assert old.last_error == "Expired unsent: the links in it no longer work"
        assert len(mailoutbox) == 1
        assert send_pending() == (0, 0)  # the expired one is not retried


def test_the_admin_never_shows_a_stored_message(admin_client):
    message = EmailMessage("Reset", "secret-key-123", "from@example.com", ["to@example.com"])
    notification = notifications.notify("account_email", 0, payload=stored(message))
    for url in (
        reverse("admin:board_notification_changelist"),
        reverse("admin:board_notification_change", args=[notification.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "secret-key-123" not in response.text
        assert "to@example.com" not in response.text
