"""Export my data: asking for an export, building it, the signed link, cleanup.

    request_export(user)        -> DataExport (pending); the build is queued on commit
    build_export(export_id)     the task: data.json + files into a ZIP in private storage,
                                then the "ready" e-mail through the outbox
    download_link(export)       the signed path the e-mail and the page show
    export_from_link(token, user)  the export a link names, for that signed-in user only
    delete_expired()            the periodic cleanup: file and row
    delete_exports_of(user)     the same for one person (erasing an account)

The site, REST and GraphQL call these and only translate the refusal
(ExportRefused, whose message a person reads) into their own answer.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from board.core.stored_files import delete_after_commit
from board.notifications.models import Notification
from board.notifications.outbox import notify
from board.privacy.archive import write_archive
from board.privacy.collect import personal_data
from board.privacy.models import DataExport

logger = logging.getLogger(__name__)

SALT = "nexus.data-export"
# One export an hour is plenty for a person, and bounds what one account can
# make the workers do.
MIN_INTERVAL = timedelta(hours=1)

# Marked only: the API documents it in English; the refusal is translated when raised.
ALREADY_PENDING = gettext_noop(
    "Your export is being prepared. We will e-mail you when it is ready; "
    "you can ask for another one after that."
)


class ExportRefused(Exception):
    """Not now: the message says why and when to try again."""


class LinkExpired(Exception):
    """A genuine link whose export is gone or whose time is up."""


def link_lifetime():
    return timedelta(hours=settings.DATA_EXPORT_LINK_HOURS)


def latest_export(user):
    """The person's newest export whose link still works (or is being prepared), or None."""
    return DataExport.objects.live().filter(user=user).first()


def request_export(user):
    """Record a pending export for `user` and queue its build after the commit."""
    now = timezone.now()
    with transaction.atomic():
        # A build lost with its worker (or never queued) must not block the person
        # until it expires: after an hour it counts as failed, and they may ask again.
        DataExport.objects.filter(
            user=user, status=DataExport.Status.PENDING, created__lte=now - MIN_INTERVAL
        ).update(status=DataExport.Status.FAILED, finished_at=now)
        if DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).exists():
            raise ExportRefused(gettext(ALREADY_PENDING))
        recent = (
            DataExport.objects.filter(user=user, created__gt=now - MIN_INTERVAL)
            .exclude(status=DataExport.Status.FAILED)
            .first()
        )
        if recent is not None:
            minutes = max(1, int((recent.created + MIN_INTERVAL - now).total_seconds() // 60) + 1)
            raise ExportRefused(
                ngettext(
                    "You asked for an export less than an hour ago. "
                    "You can ask for a new one in %(minutes)s minute.",
                    "You asked for an export less than an hour ago. "
                    "You can ask for a new one in %(minutes)s minutes.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        try:
            with transaction.atomic():
                export = DataExport.objects.create(user=user, expires=now + link_lifetime())
        except IntegrityError:
            # Another click got there first (the one-pending constraint).
            raise ExportRefused(gettext(ALREADY_PENDING)) from None
        transaction.on_commit(partial(queue_build, export.pk), robust=True)
    logger.info("data export %s requested by user %s", export.pk, user.pk)
    return export


def queue_build(export_id):
    from board.privacy.tasks import build_data_export

    try:
        build_data_export.delay(export_id)
    except Exception:
        # The row is pending and expires on its own; the person can ask again then.
        logger.exception("data export %s not queued", export_id)


def build_export(export_id):
    """Build the ZIP of a pending export; returns the export (None if gone or not pending)."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return None  # built already (a redelivered task), or deleted
    try:
        data, files = personal_data(export.user)
        export.size = write_archive(export, data, files)
    except Exception:
        logger.exception("data export %s failed", export_id)
        if export.archive:
            export.archive.delete(save=False)
        export.status, export.finished_at = DataExport.Status.FAILED, timezone.now()
        export.save(update_fields=["status", "finished_at", "archive"])
        return export
    with transaction.atomic():
        export.status = DataExport.Status.READY
        export.finished_at = timezone.now()
        # The link lives its full time from the moment it can be used.
        export.expires = export.finished_at + link_lifetime()
        export.save(update_fields=["status", "finished_at", "expires", "archive", "size"])
        notify(Notification.Kind.DATA_EXPORT_READY, export.pk)
    logger.info("data export %s ready (%s bytes, %s files)", export.pk, export.size, len(files))
    return export


def download_link(export):
    """The site path that downloads this export: signed, for its owner only."""
    return reverse("account_data_download", args=[_token(export)])


def api_download_link(export):
    """The same for API clients, who send their bearer token instead of a session."""
    return reverse("api_data_export_download", args=[_token(export)])


def _token(export):
    return signing.TimestampSigner(salt=SALT).sign_object([export.pk, export.user_id])


def export_from_link(token, user):
    """The ready export a link names, if `user` is the person it was made for; else None.

    Raises LinkExpired for a genuine link of this user whose time is up (the
    export may be deleted already): the page can say so instead of "not found".
    """
    if not user.is_authenticated:
        return None
    max_age = link_lifetime() + timedelta(hours=1)  # the link may be signed just before ready
    try:
        export_pk, user_pk = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=max_age
        )
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if user_pk != user.pk:
        return None  # a link forwarded or stolen is no use to anyone else
    export = DataExport.objects.filter(pk=export_pk, user=user).first()
    if export is None or export.expires <= timezone.now():
        raise LinkExpired
    if export.status != DataExport.Status.READY:
        return None
    return export


def delete_expired(batch_size=100):
    """Delete expired exports, file first, then the row. Returns how many went."""
    return _delete(DataExport.objects.expired(), batch_size)


def delete_exports_of(user):
    """Every export of `user`, files included: for erasing an account, whose
    cascade would delete the rows but leave the ZIPs in storage."""
    return _delete(DataExport.objects.filter(user=user), batch_size=100)


def _delete(exports_, batch_size):
    deleted = 0
    while True:
        batch = list(exports_.order_by("pk")[:batch_size])
        if not batch:
            return deleted
        DataExport.objects.filter(pk__in=[e.pk for e in batch]).delete()
        # The ZIPs once the rows are gone for good (erasing an account deletes
        # them in its transaction: a rollback keeps rows and files together).
        delete_after_commit([export.archive.name for export in batch])
        deleted += len(batch)
        logger.info("deleted %s data exports", len(batch))
