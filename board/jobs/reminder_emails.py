"""E-mail builders: see board/notifications/outbox.py."""

from django.conf import settings

from board.jobs.maintenance import renew_path
from board.jobs.models import Job
from board.notifications.models import Notification
from board.notifications.outbox import builder, email


@builder(Notification.Kind.EXPIRY_REMINDER)
def expiry_reminder(job_id):
    job = Job.objects.select_related("posted_by", "company").filter(pk=job_id).first()
    if job is None or job.posted_by is None or job.status != Job.Status.PUBLISHED:
        return []
    context = {
        "job": job,
        "job_url": settings.SITE_URL + job.get_absolute_url(),
        "renew_url": settings.SITE_URL + renew_path(job),
    }
    return [
        email(
            "expiry_reminder",
            to=[job.posted_by.email],
            subject=f"Your listing “{job.title}” expires soon",
            context=context,
        )
    ]
