from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from board.jobs.models import Job
from board.jobs.workflow import Action, log_action
from board.moderation.models import REPORTS_TO_HIDE, JobReport
from board.notifications.models import Notification
from board.notifications.outbox import notify

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


@transaction.atomic
def dismiss_reports(job, moderator):
    """Answer the job's open reports without acting on the job; returns how many."""
    dismissed = resolve_reports(job, moderator, JobReport.Status.DISMISSED)
    if dismissed:
        log_action(job, Action.REPORTS_DISMISSED, moderator)
    return dismissed


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
            entry = log_action(
                job, Action.HIDDEN, reason=f"{counted} open reports from job seekers"
            )
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


def resolve_reports(job, moderator, status):
    return job.reports.open().update(
        status=status, resolved_by=moderator, resolved_at=timezone.now()
    )
