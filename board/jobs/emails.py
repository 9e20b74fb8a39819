"""E-mail builders for a job's poster: see board/notifications/outbox.py."""

from django.conf import settings
from django.urls import reverse

from board.jobs.models import Job, ModerationLogEntry
from board.notifications.models import Notification
from board.notifications.outbox import builder, email


def _poster_address(job):
    """The poster's address, if they still belong to the job's company."""
    poster = job.posted_by
    if poster is None or not poster.is_active:
        return None
    if not job.company.has_member(poster):
        return None  # left the team: the company's news is no longer theirs
    return poster.email


@builder(Notification.Kind.JOB_APPROVED)
def job_approved(job_id):
    job = Job.objects.select_related("company", "posted_by").filter(pk=job_id).first()
    address = _poster_address(job) if job else None
    if address is None:
        return []
    context = {"job": job, "job_url": settings.SITE_URL + job.get_absolute_url()}
    subject = f"Your job “{job.title}” is live"
    return [email("job_approved", to=[address], subject=subject, context=context)]


@builder(Notification.Kind.JOB_REJECTED)
def job_rejected(entry_id):
    entry = (
        ModerationLogEntry.objects.select_related("job__company", "job__posted_by")
        .filter(pk=entry_id)
        .first()
    )
    address = _poster_address(entry.job) if entry else None
    if address is None:
        return []
    context = {
        "job": entry.job,
        "reason": entry.reason,
        "dashboard_url": settings.SITE_URL + reverse("employer_dashboard"),
        "edit_url": settings.SITE_URL + reverse("employer_job_edit", args=[entry.job_id]),
    }
    subject = f"Your job “{entry.job.title}” needs changes before it can be published"
    return [email("job_rejected", to=[address], subject=subject, context=context)]
