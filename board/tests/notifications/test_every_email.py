"""Every e-mail the site sends, ours and allauth's, is a plain-text part and an HTML part in
our layout, with our name in the subject (templates/emails/base.html, base.txt).

Each kind is queued by its sample (board/devtools/email_samples.py: the rows it is about,
then notify() or allauth's adapter, as the site does) and delivered by the outbox after the
commit, to Django's in-memory mailbox.
"""

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from board.accounts.models import User
from board.alerts.digests import send_digest
from board.alerts.models import JobAlert
from board.devtools.email_samples import DORMANT, SAMPLES
from board.notifications.models import Notification
from board.tests.factories import PASSWORD, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
# allauth 65 has a template for it but never sends it.
ALLAUTH_UNSENT = {"email_confirm"}


class Mail(HTMLParser):
    """What a test needs from an HTML e-mail: its links, the button's, images, the preheader."""

    def __init__(self, html):
        super().__init__()
        self.links, self.buttons, self.sources, self.preheader = [], [], [], ""
        self._in_button = self._in_preheader = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "src" in attrs:
            self.sources.append(attrs["src"])
        if tag == "td" and "email-button" in (attrs.get("class") or ""):
            self._in_button = True
        if tag == "div" and "display:none" in (attrs.get("style") or ""):
            self._in_preheader = True
        if tag == "a":
            self.links.append(attrs.get("href", ""))
            if self._in_button:
                self.buttons.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_button = False
        if tag == "div":
            self._in_preheader = False

    def handle_data(self, data):
        if self._in_preheader:
            self.preheader += data


def sent(name, capture):
    """The messages the sample `name` sends, through the outbox (or the alerts' own send)."""
    mail.outbox.clear()
    with capture(execute=True):
        queued = SAMPLES[name]()
    if isinstance(queued, list):  # the job alert digest: not an outbox kind
        mailers.default.send_messages(queued)
    else:
        queued.refresh_from_db()
        assert queued.sent_at is not None, queued.last_error
    assert mail.outbox, f"{name} sent nothing"
    return list(mail.outbox)


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_email_is_text_and_html_in_our_layout(name, django_capture_on_commit_callbacks):
    message = sent(name, django_capture_on_commit_callbacks)[0]
    assert message.subject.startswith("[Nexus Jobs] ")
    assert isinstance(message, EmailMultiAlternatives)
    assert message.content_subtype == "plain"
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    mime = message.message()
    assert mime.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mime.iter_parts()] == ["text/plain", "text/html"]

    html, text = html_of(message), message.body
    for part in (html, text):
        assert "{{" not in part and "{%" not in part
        assert not re.search(r"\bNone\b", part)
        assert "You get this e-mail" in part  # the footer says why
    page = Mail(html)
    assert page.sources == []  # no images: nothing remote, nothing that tracks
    assert "<img" not in html and "url(" not in html
    assert page.preheader.strip(" \u2007\u034f")
    assert re.search(r"<title>[^<\s][^<]*</title>", html)
    assert re.search(r"<h1[^>]*>\s*\S", html)
    assert all(link.startswith(settings.SITE_URL + "/") for link in page.links), page.links
    if name in DORMANT:
        assert page.buttons == []  # a code to type, not a link
    else:
        [button] = page.buttons
        assert button.startswith(settings.SITE_URL + "/")
        assert button.replace("&amp;", "&") in text  # the text part has the same action
    # A real text rendering: sentences and links, no markup.
    assert not re.search(r"</?[a-z][a-z0-9]*[\s>/]", text)
    assert settings.SITE_URL in text


def test_every_kind_of_notification_and_every_allauth_mail_has_a_sample():
    ours = set(Notification.Kind.values) - {Notification.Kind.ACCOUNT_EMAIL}
    assert ours <= set(SAMPLES)
    allauths = {
        path.name.removesuffix("_subject.txt")
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_TEMPLATES / folder).glob("*_subject.txt")
    } - ALLAUTH_UNSENT
    assert {f"allauth_{name}" for name in allauths} <= set(SAMPLES)
    for folder in ("account/email", "mfa/email"):
        for path in (ALLAUTH_TEMPLATES / folder).glob("*_subject.txt"):
            prefix = f"{folder}/{path.name.removesuffix('_subject.txt')}"
            # allauth ships text only: an HTML template found is ours.
            assert get_template(f"{prefix}_message.html")


def test_user_typed_text_is_escaped_in_html_and_as_written_in_text(
    django_capture_on_commit_callbacks,
):
    JobFactory(title="Rust <b>Dev</b> & Co")
    alert = JobAlert.objects.create(
        user=SeekerFactory(), query="q=rust", high_water=timezone.now() - timedelta(days=1)
    )
    send_digest(alert.pk, timezone.now() + timedelta(seconds=1))
    [message] = mail.outbox
    assert "Rust &lt;b&gt;Dev&lt;/b&gt; &amp; Co" in html_of(message)
    assert "<b>Dev" not in html_of(message)
    assert "Rust <b>Dev</b> & Co" in message.body


def test_the_job_alert_keeps_its_one_click_unsubscribe(django_capture_on_commit_callbacks):
    [message] = sent("job_alert", django_capture_on_commit_callbacks)
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{settings.SITE_URL}/alerts/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page = Mail(html_of(message))
    assert header.strip("<>") in page.links  # and in the footer, for people
    assert header.strip("<>") in message.body
    assert settings.SITE_URL + reverse("job_alerts") in page.links


def test_a_real_signup_mails_text_and_html_with_the_link_on_the_configured_site(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://jobs.example.org"
    data = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), data | {"role": "seeker"}, HTTP_HOST="testserver")
    [message] = mail.outbox
    assert message.subject == "[Nexus Jobs] Confirm your e-mail address"
    [button] = Mail(html_of(message)).buttons
    # The request came to "testserver"; the link is on SITE_URL all the same.
    assert button.startswith("https://jobs.example.org/accounts/confirm-email/")
    assert button in message.body


def test_preview_emails_writes_every_email_and_keeps_nothing(tmp_path):
    users = User.objects.count()
    call_command("preview_emails", str(tmp_path / "out"))
    folder = tmp_path / "out"
    for name in SAMPLES:
        html = (folder / f"{name}.html").read_text()
        text = (folder / f"{name}.txt").read_text()
        assert html.startswith("<!DOCTYPE html>") and "{{" not in html
        assert text.startswith("Subject: [Nexus Jobs] ")
        assert f'href="{name}.html"' in (folder / "index.html").read_text()
    # Rolled back: no sample rows, nothing queued, nothing sent.
    assert User.objects.count() == users
    assert not Notification.objects.exists()
    assert mail.outbox == []
