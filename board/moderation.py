"""Moderation: each step changes the job, records who did it, and tells the poster.

Used by the Django admin, the report view and (later) the API, so the rules
and the record are the same wherever a moderator acts.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from board.models import (
    REPORTS_TO_HIDE,
    Job,
    JobReport,
    ModerationLogEntry,
    Notification,
)
from board.notifications import notify

Action = ModerationLogEntry.Action


REPORTS_PER_HOUR = 10  # per reporter, over all jobs


class AlreadyReported(Exception):
    pass


class TooManyReports(Exception):
    pass


def over_report_limit(reporter):
    # Counted in the database, so every worker process agrees without a shared cache.
    since = timezone.now() - timedelta(hours=1)
    return JobReport.objects.filter(reporter=reporter, created__gte=since).count() >= (
        REPORTS_PER_HOUR
    )


def _log(job, action, moderator=None, reason=""):
    return ModerationLogEntry.objects.create(
        job=job, action=action, moderator=moderator, reason=reason
    )


@transaction.atomic
def approve_job(job, moderator):
    job.approve()
    _log(job, Action.APPROVED, moderator)
    _resolve_reports(job, moderator, JobReport.Status.DISMISSED)
    notify(Notification.Kind.JOB_APPROVED, job.pk)


@transaction.atomic
def reject_job(job, moderator, reason):
    job.reject(reason)
    entry = _log(job, Action.REJECTED, moderator, job.rejection_reason)
    # The e-mail quotes this entry's reason, even if the job is rejected again later.
    notify(Notification.Kind.JOB_REJECTED, entry.pk)


@transaction.atomic
def close_job(job, moderator, reason=""):
    job.close()
    _log(job, Action.CLOSED, moderator, reason)
    _resolve_reports(job, moderator, JobReport.Status.ACTIONED)


@transaction.atomic
def dismiss_reports(job, moderator):
    if _resolve_reports(job, moderator, JobReport.Status.DISMISSED):
        _log(job, Action.REPORTS_DISMISSED, moderator)


@transaction.atomic
def return_to_review(job):
    """An unverified company edited a live job: it waits for a moderator again."""
    job.hold_for_review()
    _log(job, Action.RETURNED)


def report_job(job, reporter, reason, details=""):
    """File a report; hide the job once REPORTS_TO_HIDE reports are open.

    Raises AlreadyReported for a second report of the same job, TooManyReports
    past REPORTS_PER_HOUR; either way nothing is written.
    """
    try:
        with transaction.atomic():
            # Lock the reporter's row: reports sent together (several tabs, a
            # script) are counted one after another, so none slips past the limit.
            get_user_model().objects.select_for_update().filter(pk=reporter.pk).exists()
            if over_report_limit(reporter):
                raise TooManyReports
            report = JobReport.objects.create(
                job=job, reporter=reporter, reason=reason, details=details
            )
    except IntegrityError:
        raise AlreadyReported from None
    with transaction.atomic():
        # Lock the job so that two reports arriving together hide it once.
        job = Job.objects.select_for_update().get(pk=job.pk)
        open_reports = job.reports.open().count()
        if job.status == Job.Status.PUBLISHED and open_reports >= REPORTS_TO_HIDE:
            job.hold_for_review()
            _log(job, Action.HIDDEN, reason=f"{open_reports} open reports")
    return report


def _resolve_reports(job, moderator, status):
    return job.reports.open().update(
        status=status, resolved_by=moderator, resolved_at=timezone.now()
    )
