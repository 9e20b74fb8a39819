"""Telling moderators that jobs wait for review: the periodic digest and the count.

A job enters the review queue when an unverified company submits it (or
resubmits it after a rejection), reopens it, or edits it while live; each of
these writes a moderation log entry (board/jobs/workflow.py). The digest lists
the entries since the previous digest whose job is still waiting, like the
reports digest (board/moderation/reports.py): its object id is the newest entry
it covers, so the outbox itself records where the next one starts.
"""

from django.db import transaction
from django.db.models import Max

from board.jobs.models import Job, ModerationLogEntry
from board.notifications.models import Notification
from board.notifications.outbox import notify

Action = ModerationLogEntry.Action
# What puts a job in the queue for the digest; reports that hide a job have
# their own immediate e-mail to moderators (JOB_HIDDEN_STAFF).
QUEUEING = (Action.SUBMITTED, Action.RETURNED, Action.REOPENED)


def waiting_count():
    """How many jobs wait for a moderator: the admin's badge."""
    return Job.objects.pending_review().count()


def queued_since(after, up_to=None):
    """Log entries that queued a job after entry `after`, whose job still waits."""
    entries = ModerationLogEntry.objects.filter(
        pk__gt=after, action__in=QUEUEING, job__status=Job.Status.PENDING
    )
    return entries if up_to is None else entries.filter(pk__lte=up_to)


@transaction.atomic
def queue_review_digest():
    """Queue a digest for the moderators if jobs were queued since the last one and
    still wait; returns the notification, or None (nothing waiting: no e-mail)."""
    digests = Notification.objects.filter(kind=Notification.Kind.REVIEW_DIGEST)
    # Locks the last digest's row, so two runs at once queue one digest.
    last = digests.select_for_update().order_by("-object_id").first()
    newest = queued_since(last.object_id if last else 0).aggregate(newest=Max("pk"))["newest"]
    if newest is None:
        return None
    return notify(Notification.Kind.REVIEW_DIGEST, newest)
