"""Moderation: each step changes the job, records who did it, and tells the poster.

Used by the Django admin, the report view and (later) the API, so the rules
and the record are the same wherever a moderator acts.
"""

from django.contrib.auth.backends import ModelBackend
from django.db import transaction

from board.jobs.models import ModerationLogEntry
from board.jobs.workflow import lock_job, log_action
from board.moderation.models import JobReport
from board.moderation.reports import resolve_reports
from board.notifications.models import Notification
from board.notifications.outbox import notify

Action = ModerationLogEntry.Action


def moderators():
    """Who is e-mailed about reports and hidden jobs: active staff who may change jobs.

    Superusers, and staff given the permission directly or through a group (say
    "Moderators"); other staff (support, operations) are not.
    """
    users = ModelBackend().with_perm("board.change_job", is_active=True, include_superusers=True)
    return users.filter(is_staff=True)


@transaction.atomic
def approve_job(job, moderator):
    lock_job(job)
    job.approve()
    log_action(job, Action.APPROVED, moderator)
    resolve_reports(job, moderator, JobReport.Status.DISMISSED)
    notify(Notification.Kind.JOB_APPROVED, job.pk)


@transaction.atomic
def reject_job(job, moderator, reason):
    lock_job(job)
    job.reject(reason)
    entry = log_action(job, Action.REJECTED, moderator, job.rejection_reason)
    # The e-mail quotes this entry's reason, even if the job is rejected again later.
    notify(Notification.Kind.JOB_REJECTED, entry.pk)


@transaction.atomic
def close_job(job, moderator, reason=""):
    lock_job(job)
    job.close()
    log_action(job, Action.CLOSED, moderator, reason)
    resolve_reports(job, moderator, JobReport.Status.ACTIONED)
