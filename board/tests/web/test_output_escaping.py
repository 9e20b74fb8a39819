"""Text that employers (and seekers) type, escaped for each format a reader interprets:
the RSS feed (HTML inside XML), the e-mails (HTML part escaped, plain-text part as typed,
subjects on one line) and the job page's JSON-LD (JSON inside <script>).

Every hostile value goes into every typed field, one field at a time.
"""

import html
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from board.alerts.digests import digest_email
from board.alerts.models import JobAlert
from board.jobs.models import ModerationLogEntry
from board.notifications.models import Notification
from board.notifications.outbox import BUILDERS
from board.tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

Kind = Notification.Kind
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "R&D & <b>bold</b> &amp; co",
    "Line one\nLine two\r\nBcc: evil@example.com",
    "Odd \x0b\x1b characters",
]
# Markup that must never reach a reader as markup.
MARKUP = re.compile(r"<\s*(script|img|b)\b", re.I)
JOB_FIELDS = ["title", "company", "city", "region", "category"]


def hostile_job(field, value, **extra):
    company = CompanyFactory(name=value if field == "company" else "Acme")
    category = CategoryFactory(name=value if field == "category" else "Software")
    kwargs = {"title": "Welder", "city": "Berlin", "region": "", **extra}
    if field in ("title", "city", "region"):
        kwargs[field] = value
    return JobFactory(company=company, category=category, **kwargs)


def one_line(value):
    """The value as a reader sees it once escaping is undone: control characters and
    line breaks become spaces (see board/web/feeds.py)."""
    return " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", value).split())


class TestFeed:
    @pytest.mark.parametrize("value", HOSTILE)
    @pytest.mark.parametrize("field", JOB_FIELDS)
    def test_typed_text_is_html_escaped_inside_the_xml(self, client, field, value):
        hostile_job(field, value)
        response = client.get(reverse("job_feed"))
        assert response.status_code == 200
        [item] = ET.fromstring(response.content).iter("item")  # noqa: S314 -- our own feed
        texts = [item.findtext("title"), item.findtext("description"), item.findtext("category")]
        for text in texts:
            # What the reader's XML parser hands its HTML renderer: no markup at all.
            assert not re.search(r'[<>"]', text), text
        assert any(one_line(value) in html.unescape(text) for text in texts)

    @pytest.mark.parametrize("value", HOSTILE)
    def test_the_searched_words_in_the_channel_title(self, client, value):
        response = client.get(reverse("job_feed"), {"q": value})
        assert response.status_code == 200
        title = ET.fromstring(response.content).find("channel").findtext("title")  # noqa: S314
        assert not re.search(r'[<>"]', title)


def hostile_emails(field, value):
    """Every e-mail about a job whose `field` is `value`, built as it would be sent."""
    job = hostile_job(field, value, expires_at=timezone.now() + timedelta(days=3))
    poster = EmployerFactory(first_name=value, last_name=value)
    MembershipFactory(company=job.company, user=poster)
    job.posted_by = poster
    job.save()
    applicant = SeekerFactory(first_name=value)
    application = ApplicationFactory(job=job, applicant=applicant, cover_letter=value)
    event = application.move_to("interviewing", by=poster)
    entry = ModerationLogEntry.objects.create(
        job=job, action=ModerationLogEntry.Action.REJECTED, reason=value
    )
    invitation = InvitationFactory(company=job.company, invited_by=poster)
    alert = JobAlert.objects.create(
        user=applicant, query=f"q={value}", high_water=timezone.now() - timedelta(days=1)
    )
    return [
        *BUILDERS[Kind.NEW_APPLICATION](application.pk),
        *BUILDERS[Kind.STATUS_CHANGED](event.pk),
        *BUILDERS[Kind.JOB_APPROVED](job.pk),
        *BUILDERS[Kind.JOB_REJECTED](entry.pk),
        *BUILDERS[Kind.EXPIRY_REMINDER](job.pk),
        *BUILDERS[Kind.INVITATION](invitation.pk),
        digest_email(alert, [job]),
    ]


class TestEmails:
    @pytest.mark.parametrize("value", HOSTILE)
    @pytest.mark.parametrize("field", JOB_FIELDS)
    def test_html_part_escaped_subject_on_one_line(self, field, value):
        messages = hostile_emails(field, value)
        assert len(messages) == 7
        for message in messages:
            assert not re.search(r"[\r\n]", message.subject)
            [(body, kind)] = message.alternatives
            assert kind == "text/html"
            assert not MARKUP.search(body), message.subject
            assert 'onerror=alert(1)">' not in body and '"><img' not in body
            # Plain text is not HTML: it shows what was typed, never "&lt;".
            assert "&lt;" not in message.body and "&amp;" not in message.body.replace(
                "&amp; co", ""
            )

    def test_the_value_is_shown_escaped_not_dropped(self):
        messages = hostile_emails("title", "<script>alert(1)</script>")
        for message in messages:
            body = message.alternatives[0][0]
            if "alert(1)" in message.body:
                assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


class TestJsonLd:
    SCRIPT = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)

    @pytest.mark.parametrize("value", HOSTILE)
    @pytest.mark.parametrize("field", [*JOB_FIELDS, "description"])
    def test_typed_text_cannot_leave_the_script(self, client, field, value):
        extra = {"description": value} if field == "description" else {}
        job = hostile_job(field, value, **extra)
        page = client.get(job.get_absolute_url()).text
        [payload] = self.SCRIPT.findall(page)
        assert not re.search(r"[<>&]", payload)  # all \u-escaped: nothing ends the element
        data = json.loads(payload)
        shown = {
            "title": data["title"],
            "company": data["hiringOrganization"]["name"],
            "city": data["jobLocation"]["address"].get("addressLocality"),
            "region": data["jobLocation"]["address"].get("addressRegion"),
        }
        if field in shown:
            assert shown[field] == value  # JSON carries the text as typed
        # The description is Markdown through the allowlist sanitizer: <b> may stay.
        assert not re.search(r"<\s*script|onerror", data["description"], re.I)
