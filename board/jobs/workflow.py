from django.db import transaction

from board.jobs.models import Job, ModerationLogEntry

Action = ModerationLogEntry.Action


def lock_job(job):
    """Lock the job's row and re-read its status before a transition.

    Two moderators acting at once (two tabs, an action and a button) then make
    one transition, one log entry and one e-mail: the second sees the new status
    and gets InvalidTransition.
    """
    job.status = Job.objects.select_for_update().values_list("status", flat=True).get(pk=job.pk)


def log_action(job, action, moderator=None, reason=""):
    return ModerationLogEntry.objects.create(
        job=job, action=action, moderator=moderator, reason=reason
    )


@transaction.atomic
def return_to_review(job):
    """An unverified company edited a live job: it waits for a moderator again."""
    job.hold_for_review()
    log_action(job, Action.RETURNED)
