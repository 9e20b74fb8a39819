"""The moderators' review digest e-mail (board/moderation/review.py)."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from board.jobs.models import Job
from board.moderation.decisions import moderators
from board.moderation.review import queued_since, waiting_count
from board.notifications.models import Notification
from board.notifications.outbox import builder, email


@builder(Notification.Kind.REVIEW_DIGEST)
def review_digest(last_entry_id):
    """To each moderator: the jobs queued since the previous digest that still wait."""
    previous = Notification.objects.filter(
        kind=Notification.Kind.REVIEW_DIGEST, object_id__lt=last_entry_id
    ).aggregate(last=Max("object_id"))["last"]
    entries = queued_since(previous or 0, up_to=last_entry_id)
    jobs = list(
        Job.objects.filter(pk__in=entries.values("job_id")).select_related("company").order_by("pk")
    )
    if not jobs:
        return []  # all decided already
    for job in jobs:
        job.admin_url = settings.SITE_URL + reverse("admin:board_job_preview", args=[job.pk])
    context = {
        "jobs": jobs,
        "waiting": waiting_count(),
        "queue_url": settings.SITE_URL + reverse("admin:board_pendingjob_changelist"),
    }
    subject = f"{len(jobs)} job{'' if len(jobs) == 1 else 's'} to review"
    return [
        email("review_digest", to=[address], subject=subject, context=context)
        for address in moderators().values_list("email", flat=True).order_by("email")
    ]
