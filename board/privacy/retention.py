"""How long we keep what people give us, applied by periodic tasks (tasks.py,
and the management commands for cron users):

- remove_old_documents: résumés and cover letters RETENTION_DOCUMENT_MONTHS
  after the job closed; the application stays, "documents removed on DATE".
- send_inactivity_notices and erase_inactive_accounts: an account nobody signed
  in to for RETENTION_INACTIVE_ACCOUNT_DAYS - RETENTION_NOTICE_DAYS days gets a
  notice; RETENTION_NOTICE_DAYS after it, still without a sign-in, it is deleted
  by the same erase_account as "Delete my account". Signing in moves last_login
  past the notice, which cancels it. Staff accounts are never touched; the last
  owner of a company gets the notice but is never deleted (the company would be
  left without anyone to run it): erase_account refuses, and the run moves on.

Each run works in batches of BATCH_SIZE rows, each batch one transaction that
locks its rows with SELECT ... FOR UPDATE SKIP LOCKED: two workers never take
the same row, and a row another transaction holds is left for the next run.
Every step records what it did in the row it changes, so a second run finds
nothing more to do. (SQLite has no row locks: there, skip_locked is ignored and
its one writer at a time gives the same guarantee.)
"""

import calendar
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from board.accounts.models import User
from board.applications.models import Application
from board.core.stored_files import delete_after_commit
from board.jobs.models import Job
from board.notifications.models import Notification
from board.notifications.outbox import notify
from board.privacy.erasure import ErasureRefused, erase_account

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# A run stops after this many batches; the next run carries on.
MAX_BATCHES = 50


def months_before(moment, months):
    """`moment` minus calendar months (31 March - 1 month = 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _in_batches(queryset, work, size, after_batch=None):
    """Call work(row) for every row of `queryset`, `size` rows a transaction,
    locked and skipping rows another transaction holds; then after_batch() in the
    same transaction. Returns how many rows work() reported done. Rows work()
    leaves as they were (a refusal) are not taken again in this run."""
    done, seen = 0, []
    for _ in range(MAX_BATCHES):
        with transaction.atomic():
            free = queryset.exclude(pk__in=seen).select_for_update(skip_locked=True, of=("self",))
            rows = list(free[:size])
            for row in rows:
                done += bool(work(row))
            if after_batch:
                after_batch()
        if not rows:
            break
        seen.extend(row.pk for row in rows)
    return done


# Résumés and cover letters --------------------------------------------------


def documents_due(now=None):
    """Applications whose documents are kept no longer: the job closed (closed by
    its company or a moderator, or expired) RETENTION_DOCUMENT_MONTHS ago."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.RETENTION_DOCUMENT_MONTHS)
    closed_jobs = Job.objects.filter(status__in=[Job.Status.CLOSED, Job.Status.EXPIRED])
    # A job has no "closed at": it closed when it expired or when it was last
    # changed (closing saves `updated`), whichever came first.
    closed_jobs = closed_jobs.alias(
        closed_at=Least(Coalesce("expires_at", "updated"), "updated")
    ).filter(closed_at__lte=cutoff)
    return Application.objects.filter(
        job__in=closed_jobs.values("pk"), documents_removed_at__isnull=True
    ).filter(~Q(resume="") | ~Q(cover_letter=""))


def remove_old_documents(now=None, size=BATCH_SIZE):
    """Remove the résumé and letter of every application in documents_due()."""
    now = now or timezone.now()
    files = []

    def remove(application):
        if application.resume:
            files.append(application.resume.name)
        Application.objects.filter(pk=application.pk).update(
            resume="", cover_letter="", documents_removed_at=now
        )
        return True

    def delete_files():
        # The files go once their rows are committed, never before.
        delete_after_commit(files.copy())
        files.clear()

    count = _in_batches(documents_due(now), remove, size, delete_files)
    if count:
        logger.info("retention: documents of %s applications removed", count)
    return count


# Inactive accounts ----------------------------------------------------------


def _last_seen():
    return Coalesce("last_login", "date_joined")


def _candidates():
    return User.objects.filter(is_staff=False, is_superuser=False)


def notices_due(now=None):
    """Accounts inactive long enough for the notice, and not noticed yet."""
    now = now or timezone.now()
    days = settings.RETENTION_INACTIVE_ACCOUNT_DAYS - settings.RETENTION_NOTICE_DAYS
    return (
        _candidates()
        .alias(last_seen=_last_seen())
        .filter(last_seen__lte=now - timedelta(days=days), inactivity_notice_at__isnull=True)
    )


def erasures_due(now=None):
    """Accounts noticed RETENTION_NOTICE_DAYS ago that nobody signed in to since."""
    now = now or timezone.now()
    return (
        _candidates()
        .alias(last_seen=_last_seen())
        .filter(
            inactivity_notice_at__lte=now - timedelta(days=settings.RETENTION_NOTICE_DAYS),
            last_seen__lt=F("inactivity_notice_at"),
        )
    )


def send_inactivity_notices(now=None, size=BATCH_SIZE):
    now = now or timezone.now()
    # A sign-in after a notice cancelled it: forget the notice, so a new period
    # of inactivity gets a new one.
    User.objects.alias(last_seen=_last_seen()).filter(
        inactivity_notice_at__isnull=False, last_seen__gt=F("inactivity_notice_at")
    ).update(inactivity_notice_at=None)

    def notice(user):
        User.objects.filter(pk=user.pk).update(inactivity_notice_at=now)
        notify(Notification.Kind.INACTIVITY_NOTICE, user.pk)
        return True

    count = _in_batches(notices_due(now), notice, size)
    if count:
        logger.info("retention: %s inactivity notices sent", count)
    return count


def erase_inactive_accounts(now=None, size=BATCH_SIZE):
    def erase(user):
        try:
            erase_account(user, inactive=True)
        except ErasureRefused:
            logger.info("retention: account %s kept (last owner of a company)", user.pk)
            return False
        return True

    count = _in_batches(erasures_due(now), erase, size)
    if count:
        logger.info("retention: %s inactive accounts deleted", count)
    return count
