"""E-mail notifications through an outbox (see models.Notification).

    notify(Notification.Kind.NEW_APPLICATION, application.pk)

records the notification in the caller's transaction; once that commits, a
Celery task delivers it (in-process when no broker is configured). Failures
are recorded on the row and retried: by the worker with backoff, and by the
sweeper (`send_pending_notifications`, also on Celery beat) for rows a broker
never received.

Each kind has a builder that turns the object id into messages, so tasks
carry ids, never objects, and a message always shows current data. A message
that cannot be rebuilt later (allauth's account e-mails carry one-time keys) is
stored rendered instead: notify(kind, id, payload=stored(message)). The payload
is cleared once sent, or once its links have expired unsent.
"""

import logging
import re
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy

from board.notifications.models import Notification

logger = logging.getLogger(__name__)

BUILDERS = {}
MAX_ATTEMPTS = 10
# How long a stored message is worth sending: the life of the links in it
# (allauth's e-mail confirmation and Django's PASSWORD_RESET_TIMEOUT: 3 days).
PAYLOAD_LIFETIME = timedelta(days=3)


def builder(kind):
    """Register the function that builds the messages for one kind."""

    def register(function):
        BUILDERS[kind] = function
        return function

    return register


class DeliveryFailed(OSError):
    """A send failed; the message says why without any address (see _describe)."""


def notify(kind, object_id, *, payload=None):
    notification = Notification.objects.create(kind=kind, object_id=object_id, payload=payload)
    transaction.on_commit(partial(_dispatch, notification.pk))
    return notification


def _dispatch(notification_id):
    from board.notifications.tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:
        # The cause is committed and the row is pending: never fail the
        # user's request over an e-mail. The sweeper will send it.
        logger.exception("notification %s not dispatched; left for the sweeper", notification_id)


def deliver(notification_id):
    """Send one notification unless it was sent already. Returns True if it sent now."""
    error = None
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at:
            return False
        messages = messages_of(notification)
        notification.attempts += 1
        try:
            if messages:
                mailers.default.send_messages(messages)
        except OSError as exc:  # SMTPException and socket errors are OSErrors
            error = exc
            notification.last_error = _describe(exc)
            notification.save(update_fields=["attempts", "last_error"])
        else:
            notification.sent_at = timezone.now()
            notification.payload = None  # its secrets live no longer than needed
            notification.save(update_fields=["attempts", "sent_at", "payload"])
    if error:
        logger.warning(
            "notification %s (%s) failed, attempt %s: %s",
            notification_id,
            notification.kind,
            notification.attempts,
            type(error).__name__,
        )
        # Celery logs what a task raises: the server's own words may quote an address.
        raise DeliveryFailed(notification.last_error) from None
    logger.info("notification %s (%s) sent", notification_id, notification.kind)
    return True


def messages_of(notification):
    """The messages a notification sends, rendered now (also for `manage.py preview_emails`)."""
    if notification.payload is not None:
        return [_message_from(notification.payload)]
    return BUILDERS[notification.kind](notification.object_id)


def _describe(exc):
    """The error for last_error (shown in the admin): no addresses, which SMTP
    servers quote back when they refuse a recipient."""
    text = re.sub(r"[^\s<>'\"(),:;\[\]]+@[^\s<>'\"(),:;\[\]]+", "<address>", str(exc))
    return f"{type(exc).__name__}: {text}"[:300]


def send_pending(older_than=timedelta(minutes=2)):
    """Retry what the queue did not deliver; returns (sent, failed)."""
    due = Notification.objects.pending().filter(
        created__lte=timezone.now() - older_than, attempts__lt=MAX_ATTEMPTS
    )
    forget_expired_payloads()
    sent = failed = 0
    for notification_id in due.values_list("pk", flat=True):
        try:
            sent += deliver(notification_id)
        except OSError:
            failed += 1
    return sent, failed


def forget_expired_payloads():
    """Drop stored messages whose links no longer work, so no pending row keeps a
    usable secret for longer than its link lives. The row stays as a record."""
    return (
        Notification.objects.pending()
        .filter(payload__isnull=False, created__lt=timezone.now() - PAYLOAD_LIFETIME)
        .update(
            payload=None,
            attempts=MAX_ATTEMPTS,  # nothing left to send: the sweeper leaves it
            last_error="Expired unsent: the links in it no longer work",
        )
    )


def stored(message):
    """A rendered EmailMessage as JSON for Notification.payload."""
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        # An EmailMessage has no alternatives (allauth's HTML-only case); none of
        # allauth's messages has attachments.
        "alternatives": [list(each) for each in getattr(message, "alternatives", [])],
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
    }


def _message_from(payload):
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    message.content_subtype = payload["content_subtype"]
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def email(template, *, to, subject, context, headers=None, language=None):
    """A plain-text + HTML message from templates/emails/<template>.txt and .html.

    `to` is the one recipient: a User, written to in their language
    (User.e_mail_language()), or an address without an account, written to in `language`
    (English if none is given). Everything language-dependent is worked out here, inside
    translation.override(): the subject and any value made with later() or site_link()
    (so builders pass those, not finished strings), the templates, dates and money, and
    the links, which reverse() writes with the language's prefix (/fr/…). override, not
    activate: a Celery worker runs one task after another, and one must not leave its
    language to the next.

    Both templates extend a layout (emails/base.txt, emails/base.html: see the latter for
    how to write one); the subject gets our name in front, the prefix allauth's mails get too.
    """
    if isinstance(to, (list, tuple)):  # an address list, the older form
        (to,) = to
    if hasattr(to, "e_mail_language"):
        address, language = to.email, to.e_mail_language()
    else:
        address, language = to, language or settings.LANGUAGE_CODE
    with translation.override(language):
        # Titles and names come from users: a newline in a header would let them
        # add headers of their own, so the subject is folded onto one line.
        subject = " ".join(str(subject).split())
        context = {"site_url": settings.SITE_URL, "subject": subject, **context}
        message = EmailMultiAlternatives(
            subject=settings.EMAIL_SUBJECT_PREFIX + subject,
            body=render_to_string(f"emails/{template}.txt", context),
            to=[address],
            headers={name: str(value) for name, value in (headers or {}).items()},
        )
        html = render_to_string(f"emails/{template}.html", context)
    message.attach_alternative(html, "text/html")
    return message


def later(function, *args, **kwargs):
    """function(*args, **kwargs) as a string worked out only when email() renders the
    message, in the recipient's language: for subjects and context values that hold
    translated words, e.g. later(lambda: _("Your job “%(title)s” is live") % {...})."""
    return lazy(function, str)(*args, **kwargs)


def site_link(path, *args, **kwargs):
    """An absolute link on SITE_URL, built when email() renders the message, so with the
    recipient's language prefix (/fr/…). `path` is a URL name (reversed with args) or a
    function returning a path (called with args and kwargs): site_link(job.get_absolute_url)."""

    def build():
        built = path(*args, **kwargs) if callable(path) else reverse(path, args=args)
        return settings.SITE_URL + built

    return later(build)
