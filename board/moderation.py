"""Moderation: each step changes the job, records who did it, and tells the poster.

Used by the Django admin, the report view and (later) the API, so the rules
and the record are the same wherever a moderator acts.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import IntegrityError, transaction
from django.db.models import Max
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


def moderators():
    """Who is e-mailed about reports and hidden jobs: active staff who may change jobs.

    Superusers, and staff given the permission directly or through a group (say
    "Moderators"); other staff (support, operations) are not.
    """
    users = ModelBackend().with_perm("board.change_job", is_active=True, include_superusers=True)
    return users.filter(is_staff=True)


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


def _lock(job):
    """Lock the job's row and re-read its status before a transition.

    Two moderators acting at once (two tabs, an action and a button) then make
    one transition, one log entry and one e-mail: the second sees the new status
    and gets InvalidTransition.
    """
    job.status = Job.objects.select_for_update().values_list("status", flat=True).get(pk=job.pk)


def _log(job, action, moderator=None, reason=""):
    return ModerationLogEntry.objects.create(
        job=job, action=action, moderator=moderator, reason=reason
    )


@transaction.atomic
def approve_job(job, moderator):
    _lock(job)
    job.approve()
    _log(job, Action.APPROVED, moderator)
    _resolve_reports(job, moderator, JobReport.Status.DISMISSED)
    notify(Notification.Kind.JOB_APPROVED, job.pk)


@transaction.atomic
def reject_job(job, moderator, reason):
    _lock(job)
    job.reject(reason)
    entry = _log(job, Action.REJECTED, moderator, job.rejection_reason)
    # The e-mail quotes this entry's reason, even if the job is rejected again later.
    notify(Notification.Kind.JOB_REJECTED, entry.pk)


@transaction.atomic
def close_job(job, moderator, reason=""):
    _lock(job)
    job.close()
    _log(job, Action.CLOSED, moderator, reason)
    _resolve_reports(job, moderator, JobReport.Status.ACTIONED)


@transaction.atomic
def dismiss_reports(job, moderator):
    """Answer the job's open reports without acting on the job; returns how many."""
    dismissed = _resolve_reports(job, moderator, JobReport.Status.DISMISSED)
    if dismissed:
        _log(job, Action.REPORTS_DISMISSED, moderator)
    return dismissed


@transaction.atomic
def return_to_review(job):
    """An unverified company edited a live job: it waits for a moderator again."""
    job.hold_for_review()
    _log(job, Action.RETURNED)


def report_job(job, reporter, reason, details=""):
    """File a report; hide the job once REPORTS_TO_HIDE open reports count.

    Only job seekers' reports count (JobReportQuerySet.counting): a competitor's
    or a team member's report is recorded for the moderators, but cannot take a
    listing down. When the job is hidden, its poster and the moderators are told.

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
        counted = job.reports.open().counting().count()
        if job.status == Job.Status.PUBLISHED and counted >= REPORTS_TO_HIDE:
            job.hold_for_review()
            entry = _log(job, Action.HIDDEN, reason=f"{counted} open reports from job seekers")
            notify(Notification.Kind.JOB_HIDDEN, entry.pk)
            notify(Notification.Kind.JOB_HIDDEN_STAFF, entry.pk)
    return report


@transaction.atomic
def queue_reports_digest():
    """E-mail the moderators the reports filed since the last digest, if any are open.

    Run hourly (Celery beat, or the send_reports_digest command): one message
    an hour at most, however many reports come in. The digest's object id is
    the newest report it covers, so the outbox itself records where the next
    one starts. Returns the notification, or None when there is nothing new.
    """
    digests = Notification.objects.filter(kind=Notification.Kind.REPORTS_DIGEST)
    # Locks the last digest's row, so two runs at once queue one digest (beat
    # runs one at a time anyway; this covers a cron job overlapping it).
    last = digests.select_for_update().order_by("-object_id").first()
    new = JobReport.objects.open().filter(pk__gt=last.object_id if last else 0)
    newest = new.aggregate(newest=Max("pk"))["newest"]
    if newest is None:
        return None
    return notify(Notification.Kind.REPORTS_DIGEST, newest)


def _resolve_reports(job, moderator, status):
    return job.reports.open().update(
        status=status, resolved_by=moderator, resolved_at=timezone.now()
    )
