"""Applications nobody decided on are closed politely, so no applicant waits forever.

An application still open (submitted, reviewing, interviewing, offered) whose
status has not changed for STALE_APPLICATION_DAYS (60 by default; `updated`,
which every move and withdrawal sets) is closed: status CLOSED, an event on its
timeline with no actor, and a kind e-mail to the applicant. A week before, the
company is reminded: one e-mail per company listing its applications about to
close, once per application (until it moves again). An application is closed
only once its company was reminded at least a week earlier, so a backlog (say,
when the feature is first switched on) is never closed without that warning.

Both steps run daily (Celery beat, or `manage.py close_stale_applications`),
in batches, and are safe to run twice or at once: rows are claimed with
SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL (rows another run or a recruiter
holds are left for next time), and every write is conditional on the row still
being due, which is also what keeps SQLite (no row locks) right.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from board.applications.models import Application, ApplicationEvent
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

OPEN = Application.WITHDRAWABLE  # the employer has not decided yet
REMIND_BEFORE = timedelta(days=7)
BATCH = 500


def stale_after():
    return timedelta(days=settings.STALE_APPLICATION_DAYS)


def reminder_due(now):
    """Open applications a week from closing whose company was not told since their last change."""
    return Application.objects.filter(
        status__in=OPEN, updated__lte=now - stale_after() + REMIND_BEFORE
    ).filter(Q(stale_reminded_at__isnull=True) | Q(stale_reminded_at__lt=F("updated")))


def closing_due(now):
    """Open applications untouched for the whole period, whose company was told a week ago."""
    return Application.objects.filter(
        status__in=OPEN,
        updated__lte=now - stale_after(),
        stale_reminded_at__gte=F("updated"),
        stale_reminded_at__lte=now - REMIND_BEFORE,
    )


def closes_on(application):
    """When a reminded application will close if nobody moves it."""
    return max(application.updated + stale_after(), application.stale_reminded_at + REMIND_BEFORE)


def remind_companies(now=None):
    """One reminder per company with applications newly a week from closing; returns how many."""
    now = now or timezone.now()
    company_ids = list(
        reminder_due(now).order_by().values_list("job__company_id", flat=True).distinct()
    )
    reminded = 0
    for company_id in company_ids:
        with transaction.atomic():
            due = reminder_due(now).filter(job__company_id=company_id)
            # Only this table's rows are locked (not the jobs'), and rows another
            # run is claiming are skipped: that run reminds them.
            claimed = list(
                due.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)
            )
            # Conditional, so a second run (or SQLite, which has no row locks) claims nothing.
            if reminder_due(now).filter(pk__in=claimed).update(stale_reminded_at=now):
                notify(Notification.Kind.STALE_REMINDER, company_id)
                reminded += 1
    logger.info("reminded %s companies of applications about to close", reminded)
    return reminded


def close_stale(now=None, batch=BATCH):
    """Close the due applications, `batch` rows a transaction; returns how many."""
    now = now or timezone.now()
    closed, last = 0, 0
    while True:
        with transaction.atomic():
            rows = list(
                closing_due(now)
                .filter(pk__gt=last)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", "status")[:batch]
            )
            for pk, status in rows:
                closed += _close(pk, status, now)
        if len(rows) < batch:
            break
        last = rows[-1][0]
    logger.info("closed %s applications without a decision", closed)
    return closed


def _close(pk, status, now):
    # Conditional on the row as it was read: a recruiter moving it, or the
    # applicant withdrawing, at this moment wins, and nothing is closed twice.
    changed = (
        closing_due(now)
        .filter(pk=pk, status=status)
        .update(status=Application.Status.CLOSED, updated=now)
    )
    if not changed:
        return 0
    event = ApplicationEvent.objects.create(
        application_id=pk, from_status=status, to_status=Application.Status.CLOSED, actor=None
    )
    notify(Notification.Kind.STALE_CLOSED, event.pk)
    return 1


def run(now=None):
    """The daily run: remind first, then close (a closing needs a reminder a week old)."""
    now = now or timezone.now()
    return {"reminded": remind_companies(now), "closed": close_stale(now)}
