"""allauth's e-mails through the outbox as in production: a real Celery worker on a real
broker sends them over SMTP (EMAIL_URL) to a real server (aiosmtpd) that is down, then
back. See board/accounts/adapter.py; unit tests in board/tests/test_account_emails.py.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from board.notifications.models import Notification
from board.notifications.tasks import RETRY_DELAYS
from board.tests.factories import PASSWORD
from board.tests.smtp_server import SmtpServer, text_of
from site_config.settings import mailers_from_url

pytestmark = pytest.mark.integration

EMAIL = "new@example.com"
RETRY_WAIT = RETRY_DELAYS[0] + 15  # seconds: the first retry's delay, and some


@pytest.fixture
def smtp(settings):
    """A mail server, down until started. The web process (this one) is configured for it
    too, as production gives web and worker one EMAIL_URL."""
    server = SmtpServer()
    settings.MAILERS = mailers_from_url(server.url)
    yield server
    server.stop()


def signup(client):
    data = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "role": "seeker"}
    response = client.post(reverse("account_signup"), data, follow=True)
    assert response.status_code == 200
    assert "We have sent an email to you for verification" in response.text


def verify_with_the_link_in(message, client):
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", text_of(message))
    client.post(link.group(1))
    assert EmailAddress.objects.get(email=EMAIL).verified
    return link.group(1).split("/")[-2]  # the key


def test_with_the_mail_server_down_signup_stands_and_the_worker_mails_it_once_it_is_back(
    client, celery_worker, wait_for, smtp
):
    worker = celery_worker(email_url=smtp.url)
    signup(client)
    pending = Notification.objects.filter(kind=Notification.Kind.ACCOUNT_EMAIL)
    failed = wait_for(
        lambda: pending.filter(attempts__gte=1).first(), "the failed attempt", worker=worker
    )
    assert failed.sent_at is None
    assert failed.last_error.startswith("ConnectionRefusedError")
    assert failed.payload is not None
    wait_for(lambda: "Retry in 30s" in worker.log_tail(200), "the retry", worker=worker)

    # The server is back: the worker's own retry (board.notifications.tasks.RETRY_DELAYS) sends it.
    smtp.start()
    wait_for(lambda: smtp.messages, "the retried e-mail", deadline=RETRY_WAIT, worker=worker)
    [message] = smtp.messages
    assert message["To"] == EMAIL
    sent = wait_for(lambda: pending.get().sent_at, "sent_at", worker=worker)
    assert sent is not None
    assert pending.get().payload is None
    key = verify_with_the_link_in(message, client)
    assert key not in worker.log_tail(1000)
    assert EMAIL not in worker.log_tail(1000)
