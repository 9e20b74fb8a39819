"""The moderators' review digest e-mail (board/moderation/review.py)."""

from django.db.models import Max
from django.utils.translation import ngettext

from board.jobs.models import Job
from board.moderation.decisions import moderators
from board.moderation.review import queued_since, waiting_count
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later, site_link


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
        job.admin_url = site_link("admin:board_job_preview", job.pk)
    context = {
        "jobs": jobs,
        "waiting": waiting_count(),
        "queue_url": site_link("admin:board_pendingjob_changelist"),
    }
    count = len(jobs)
    subject = later(
        lambda: (
            ngettext("%(count)s job to review", "%(count)s jobs to review", count)
            % {"count": count}
        )
    )
    return [
        email("review_digest", to=moderator, subject=subject, context=context)
        for moderator in moderators().order_by("email")
    ]
