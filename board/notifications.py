"""E-mail notifications through an outbox (see models.Notification).

    notify(Notification.Kind.NEW_APPLICATION, application.pk)

records the notification in the caller's transaction; once that commits, a
Celery task delivers it (in-process when no broker is configured). Failures
are recorded on the row and retried: by the worker with backoff, and by the
sweeper (`send_pending_notifications`, also on Celery beat) for rows a broker
never received.

Each kind has a builder that turns the object id into messages, so tasks
carry ids, never objects, and a message always shows current data.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from board.models import Notification

logger = logging.getLogger(__name__)

BUILDERS = {}
MAX_ATTEMPTS = 10


def builder(kind):
    """Register the function that builds the messages for one kind."""

    def register(function):
        BUILDERS[kind] = function
        return function

    return register


def notify(kind, object_id):
    notification = Notification.objects.create(kind=kind, object_id=object_id)
    transaction.on_commit(partial(_dispatch, notification.pk))
    return notification


def _dispatch(notification_id):
    from board.tasks import deliver_notification

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
        messages = BUILDERS[notification.kind](notification.object_id)
        notification.attempts += 1
        try:
            if messages:
                mailers.default.send_messages(messages)
        except OSError as exc:  # SMTPException and socket errors are OSErrors
            error = exc
            notification.last_error = f"{type(exc).__name__}: {exc}"[:300]
            notification.save(update_fields=["attempts", "last_error"])
        else:
            notification.sent_at = timezone.now()
            notification.save(update_fields=["attempts", "sent_at"])
    if error:
        logger.warning(
            "notification %s (%s) failed, attempt %s: %s",
            notification_id,
            notification.kind,
            notification.attempts,
            type(error).__name__,
        )
        raise error
    logger.info("notification %s (%s) sent", notification_id, notification.kind)
    return True


def send_pending(older_than=timedelta(minutes=2)):
    """Retry what the queue did not deliver; returns (sent, failed)."""
    due = Notification.objects.pending().filter(
        created__lte=timezone.now() - older_than, attempts__lt=MAX_ATTEMPTS
    )
    sent = failed = 0
    for notification_id in due.values_list("pk", flat=True):
        try:
            sent += deliver(notification_id)
        except OSError:
            failed += 1
    return sent, failed


def email(template, *, to, subject, context, headers=None):
    """A plain-text + HTML message from templates/emails/<template>.txt and .html."""
    context = {"site_url": settings.SITE_URL, **context}
    # Titles and names come from users: a newline in a header would let them
    # add headers of their own, so the subject is folded onto one line.
    subject = " ".join(str(subject).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        to=to,
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message
