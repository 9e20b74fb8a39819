"""One sample of every e-mail the site sends: for `manage.py preview_emails` and for the
tests that check every e-mail (board/tests/notifications/test_every_email.py).

Each sample makes the few rows its e-mail is about, then queues the e-mail the way the
site does: `notify(kind, id)` for ours (the builders in each domain's emails.py render it),
allauth's adapter for its account e-mails (stored rendered in the outbox, as in a real
sign-up). It returns the Notification, or, for the job alert digest (sent by its own task,
not through the outbox), the message itself. Run it in a transaction that is rolled back
(the command does) or in a test database: the rows are throwaway.

A new kind of e-mail gets a sample here; test_every_email fails until it has one.

render_every_email(language) shows them in another language: every sample account has that
language (our e-mails are written in the recipient's), and allauth's are queued while it is
active (they are written in the language of the request that sends them).
"""

import secrets
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone, translation

from board.accounts.device_models import KnownDevice
from board.accounts.models import SeekerProfile, User
from board.alerts.digests import digest_email
from board.alerts.models import JobAlert
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application, ApplicationEvent
from board.companies.models import Company, Invitation, Membership
from board.jobs.models import Category, Job, ModerationLogEntry
from board.moderation.models import JobReport
from board.notifications.models import Notification
from board.notifications.outbox import messages_of, notify
from board.privacy.erasure import erase_account
from board.privacy.models import DataExport

SAMPLES = {}  # name -> function() returning a Notification or [EmailMessage]
# allauth mails the site does not send today (their features are off): previewed and
# checked all the same, so turning one on needs no new template. They show a code to
# type, so they have no button. allauth's samples are named after its templates.
DORMANT = {"allauth_login_code", "allauth_password_reset_code"}
# The language the sample accounts are given (render_every_email(language)).
_sample_language = ""
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


class NoEmail(Exception):
    """A sample's e-mail was not sent: its builder found nothing to say."""


def render_every_email(language=None):
    """{name: the first message of each sample}, rendered as the site would send it, from
    rows made in a transaction that is rolled back: nothing stays, nothing is sent.
    `language` (a code of settings.LANGUAGES): the accounts' and the requests' language;
    none: accounts without one and English requests, so English."""
    global _sample_language
    _sample_language = language or ""
    try:
        with transaction.atomic(), translation.override(language or settings.LANGUAGE_CODE):
            rendered = {name: _first_message(name, make()) for name, make in SAMPLES.items()}
            transaction.set_rollback(True)
    finally:
        _sample_language = ""
    return rendered


def _first_message(name, queued):
    messages = messages_of(queued) if isinstance(queued, Notification) else queued
    if not messages:
        raise NoEmail(f"The sample {name!r} sends no e-mail: see email_samples.py.")
    return messages[0]


def sample(name):
    def register(function):
        SAMPLES[name] = function
        return function

    return register


def _user(tag, first, last, **fields):
    user = User.objects.create_user(
        email=f"{first.lower()}-{tag}@example.com",
        first_name=first,
        last_name=last,
        language=_sample_language,
        **fields,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _world(job_status=Job.Status.PUBLISHED):
    """A company with an owner, a job and an application to it, named as on a real board."""
    tag = secrets.token_hex(4)
    now = timezone.now()
    employer = _user(tag, "Amara", "Okafor", role=User.Role.EMPLOYER)
    seeker = _user(tag, "Grace", "Hopper", role=User.Role.SEEKER)
    company = Company.objects.create(
        name="Quillstone Labs", slug=f"quillstone-{tag}", website="https://example.com"
    )
    Membership.objects.create(company=company, user=employer, role=Membership.Role.OWNER)
    category = Category.objects.order_by("pk").first() or Category.objects.create(
        name="Engineering", slug=f"engineering-{tag}"
    )
    published = job_status == Job.Status.PUBLISHED
    job = Job.objects.create(
        company=company,
        posted_by=employer,
        title="Senior Data Engineer",
        description="We are hiring.",
        category=category,
        city="Nairobi",
        country="KE",
        status=job_status,
        published_at=now - timedelta(days=25) if published else None,
        expires_at=now + timedelta(days=5) if published else None,
    )
    # A name only: no file is written for a sample.
    application = Application.objects.create(job=job, applicant=seeker, resume="samples/cv.pdf")
    return SimpleNamespace(
        tag=tag, employer=employer, seeker=seeker, company=company, job=job, application=application
    )


def _moderator(tag):
    return _user(tag, "Mo", "Derator", is_staff=True, is_superuser=True)


def _event(world, to_status, **fields):
    return ApplicationEvent.objects.create(
        application=world.application,
        actor=world.employer,
        from_status=Application.Status.SUBMITTED,
        to_status=to_status,
        **fields,
    )


@sample("new_application")
def new_application():
    return notify(Notification.Kind.NEW_APPLICATION, _world().application.pk)


@sample("status_changed")
def status_changed():
    event = _event(_world(), Application.Status.INTERVIEWING)
    return notify(Notification.Kind.STATUS_CHANGED, event.pk)


@sample("application_received")
def application_received():
    return notify(Notification.Kind.APPLICATION_RECEIVED, _world().application.pk)


@sample("application_message")
def application_message():
    world = _world()
    message = ApplicationMessage.objects.create(
        application=world.application,
        sender=world.employer,
        subject="Interview next week",
        body="Hello Grace,\n\nCould you meet us on Tuesday at 10:00?\n\nAmara",
    )
    return notify(Notification.Kind.APPLICATION_MESSAGE, message.pk)


@sample("stale_reminder")
def stale_reminder():
    world = _world()
    now = timezone.now()
    Application.objects.filter(pk=world.application.pk).update(
        updated=now - timedelta(days=settings.STALE_APPLICATION_DAYS - 7), stale_reminded_at=now
    )
    return notify(Notification.Kind.STALE_REMINDER, world.company.pk)


@sample("stale_closed")
def stale_closed():
    event = _event(_world(), Application.Status.CLOSED)
    return notify(Notification.Kind.STALE_CLOSED, event.pk)


@sample("job_approved")
def job_approved():
    return notify(Notification.Kind.JOB_APPROVED, _world().job.pk)


@sample("job_rejected")
def job_rejected():
    world = _world(Job.Status.REJECTED)
    entry = ModerationLogEntry.objects.create(
        job=world.job,
        action=ModerationLogEntry.Action.REJECTED,
        reason="Please give the salary range: every job on the board shows one.",
    )
    return notify(Notification.Kind.JOB_REJECTED, entry.pk)


@sample("expiry_reminder")
def expiry_reminder():
    return notify(Notification.Kind.EXPIRY_REMINDER, _world().job.pk)


@sample("invitation")
def invitation():
    world = _world()
    invited = Invitation.objects.create(
        company=world.company,
        email=f"new-recruiter-{world.tag}@example.com",
        role=Membership.Role.RECRUITER,
        invited_by=world.employer,
    )
    return notify(Notification.Kind.INVITATION, invited.pk)


def _reported(world, count=3):
    reports = [
        JobReport.objects.create(
            job=world.job,
            reporter=_user(f"{world.tag}{n}", "Rep", "Orter"),
            reason=JobReport.Reason.SCAM,
        )
        for n in range(count)
    ]
    return reports


def _hidden(world):
    _reported(world)
    return ModerationLogEntry.objects.create(
        job=world.job, action=ModerationLogEntry.Action.HIDDEN, reason="3 reports"
    )


@sample("job_hidden")
def job_hidden():
    return notify(Notification.Kind.JOB_HIDDEN, _hidden(_world(Job.Status.PENDING)).pk)


@sample("job_hidden_staff")
def job_hidden_staff():
    world = _world(Job.Status.PENDING)
    _moderator(world.tag)
    return notify(Notification.Kind.JOB_HIDDEN_STAFF, _hidden(world).pk)


@sample("reports_digest")
def reports_digest():
    world = _world()
    _moderator(world.tag)
    reports = _reported(world, count=2)
    return notify(Notification.Kind.REPORTS_DIGEST, reports[-1].pk)


@sample("review_digest")
def review_digest():
    world = _world(Job.Status.PENDING)
    _moderator(world.tag)
    entry = ModerationLogEntry.objects.create(
        job=world.job, action=ModerationLogEntry.Action.SUBMITTED
    )
    return notify(Notification.Kind.REVIEW_DIGEST, entry.pk)


@sample("data_export_ready")
def data_export_ready():
    world = _world()
    export = DataExport.objects.create(
        user=world.seeker,
        status=DataExport.Status.READY,
        finished_at=timezone.now(),
        expires=timezone.now() + timedelta(days=7),
        archive="samples/export.zip",
    )
    return notify(Notification.Kind.DATA_EXPORT_READY, export.pk)


@sample("inactivity_notice")
def inactivity_notice():
    user = _world().seeker
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        last_login=now - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS),
        inactivity_notice_at=now,
    )
    return notify(Notification.Kind.INACTIVITY_NOTICE, user.pk)


@sample("new_device")
def new_device():
    device = KnownDevice.objects.create(
        user=_world().seeker,
        fingerprint=secrets.token_hex(32),
        browser="Safari",
        system="iOS",
        label="Safari on iOS",
    )
    return notify(Notification.Kind.NEW_DEVICE, device.pk)


@sample("infected_resume")
def infected_resume():
    profile = SeekerProfile.objects.create(user=_world().seeker, resume="samples/cv.pdf")
    return notify(Notification.Kind.INFECTED_RESUME, profile.pk)


@sample("infected_application")
def infected_application():
    return notify(Notification.Kind.INFECTED_APPLICATION, _world().application.pk)


@sample("infected_logo")
def infected_logo():
    return notify(Notification.Kind.INFECTED_LOGO, _world().company.pk)


@sample("account_deleted")
def account_deleted():
    erase_account(_world().seeker)
    return _last_account_email()


@sample("job_alert")
def job_alert():
    """Sent by the alerts' own task (board/alerts/digests.py send_digest), not the outbox."""
    world = _world()
    alert = JobAlert.objects.create(
        user=world.seeker, query="q=data", high_water=timezone.now() - timedelta(days=1)
    )
    return [digest_email(alert, [world.job])]


# allauth's e-mails: what its flows call, inside a request as they run.


def _request():
    host = urlsplit(settings.SITE_URL).netloc
    return RequestFactory().get("/", HTTP_HOST=host, HTTP_USER_AGENT=BROWSER)


def _last_account_email():
    return Notification.objects.filter(kind=Notification.Kind.ACCOUNT_EMAIL).latest("pk")


def _allauth(send):
    """Run send(adapter, user) as allauth would inside a request; the Notification it queued."""
    request = _request()
    with request_context(request):
        adapter = get_adapter(request)
        send(adapter, _world().seeker, request)
    return _last_account_email()


def _confirmation(signup):
    def send(adapter, user, request):
        address = EmailAddress.objects.create(
            user=user, email=f"other-{secrets.token_hex(4)}@example.com", verified=False
        )
        address.send_confirmation(request, signup=signup)

    return send


SAMPLES["allauth_email_confirmation_signup"] = lambda: _allauth(_confirmation(signup=True))
SAMPLES["allauth_email_confirmation"] = lambda: _allauth(_confirmation(signup=False))
SAMPLES["allauth_account_already_exists"] = lambda: _allauth(
    lambda adapter, user, request: adapter.send_account_already_exists_mail(user.email)
)
SAMPLES["allauth_unknown_account"] = lambda: _allauth(
    lambda adapter, user, request: adapter.send_mail(
        "account/email/unknown_account", "nobody@example.com", {"email": "nobody@example.com"}
    )
)


def _reset_key(adapter, user, request):
    key = f"{user.pk:x}-{default_token_generator.make_token(user)}"
    context = {"user": user, "password_reset_url": adapter.get_reset_password_from_key_url(key)}
    adapter.send_password_reset_mail(user, user.email, context)


SAMPLES["allauth_password_reset_key"] = lambda: _allauth(_reset_key)


def _code(template):
    return lambda: _allauth(
        lambda adapter, user, request: adapter.send_mail(
            template, user.email, {"user": user, "code": "K7P-2QX"}
        )
    )


SAMPLES["allauth_login_code"] = _code("account/email/login_code")
SAMPLES["allauth_password_reset_code"] = _code("account/email/password_reset_code")


def _notice(template, **context):
    return lambda: _allauth(
        lambda adapter, user, request: adapter.send_notification_mail(template, user, context)
    )


for _name, _context in {
    "account/email/password_changed": {},
    "account/email/password_reset": {},
    "account/email/password_set": {},
    "account/email/email_changed": {
        "from_email": "old@example.com",
        "to_email": "new@example.com",
    },
    "account/email/email_deleted": {"deleted_email": "old@example.com"},
    "mfa/email/totp_activated": {},
    "mfa/email/totp_deactivated": {},
    "mfa/email/recovery_codes_generated": {},
    "mfa/email/webauthn_added": {},
    "mfa/email/webauthn_removed": {},
}.items():
    SAMPLES["allauth_" + _name.rsplit("/", 1)[1]] = _notice(_name, **_context)
