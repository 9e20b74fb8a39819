"""E-mail builders for a job's poster: see board/notifications/outbox.py."""

from django.utils.translation import gettext as _

from board.jobs.models import Job, ModerationLogEntry
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later, site_link


def _poster(job):
    """The poster, if they still belong to the job's company."""
    poster = job.posted_by
    if poster is None or not poster.is_active:
        return None
    if not job.company.has_member(poster):
        return None  # left the team: the company's news is no longer theirs
    return poster


@builder(Notification.Kind.JOB_APPROVED)
def job_approved(job_id):
    job = Job.objects.select_related("company", "posted_by").filter(pk=job_id).first()
    poster = _poster(job) if job else None
    if poster is None:
        return []
    context = {"job": job, "job_url": site_link(job.get_absolute_url)}
    subject = later(lambda: _("Your job “%(title)s” is live") % {"title": job.title})
    return [email("job_approved", to=poster, subject=subject, context=context)]


@builder(Notification.Kind.JOB_REJECTED)
def job_rejected(entry_id):
    entry = (
        ModerationLogEntry.objects.select_related("job__company", "job__posted_by")
        .filter(pk=entry_id)
        .first()
    )
    poster = _poster(entry.job) if entry else None
    if poster is None:
        return []
    context = {
        "job": entry.job,
        "reason": entry.reason,
        "dashboard_url": site_link("employer_dashboard"),
        "edit_url": site_link("employer_job_edit", entry.job_id),
    }
    subject = later(
        lambda: (
            _("Your job “%(title)s” needs changes before it can be published")
            % {"title": entry.job.title}
        )
    )
    return [email("job_rejected", to=poster, subject=subject, context=context)]
