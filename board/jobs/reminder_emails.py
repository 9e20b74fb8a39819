"""E-mail builders: see board/notifications/outbox.py."""

from django.utils.translation import gettext as _

from board.jobs.maintenance import renew_path
from board.jobs.models import Job
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later, site_link


@builder(Notification.Kind.EXPIRY_REMINDER)
def expiry_reminder(job_id):
    job = Job.objects.select_related("posted_by", "company").filter(pk=job_id).first()
    if job is None or job.posted_by is None or job.status != Job.Status.PUBLISHED:
        return []
    context = {
        "job": job,
        "job_url": site_link(job.get_absolute_url),
        "renew_url": site_link(renew_path, job),
    }
    return [
        email(
            "expiry_reminder",
            to=job.posted_by,
            subject=later(
                lambda: _("Your listing “%(title)s” expires soon") % {"title": job.title}
            ),
            context=context,
        )
    ]
