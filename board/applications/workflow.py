"""The applications' workflow: withdraw, move, note; save and unsave a job.

Each step is one function that checks who may do it and in which status,
changes the data, records the event and enqueues its e-mail (sent after the
commit, see board/notifications/outbox.py). The site's views, the REST API
and GraphQL call these and only translate: a refusal is an exception whose
message is written here (or on the model) once, and each interface turns it
into its own answer:

    InvalidTransition  the status does not allow it: a message on the site,
                       409 in REST, an error in GraphQL
    NotFound           not this user's to act on, or not open: the same answer
                       as a missing object, so nobody learns what exists. An
                       Http404, so Django and DRF answer 404 by themselves
                       (DRF with the message as `detail`)

Applying is in applying.py (the first workflow written this way).
"""

import logging

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from board.applications.models import ApplicationNote, SavedJob
from board.jobs.models import InvalidTransition, Job
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

JOB_NOT_FOUND = "Job not found."
APPLICATION_NOT_FOUND = "Application not found."


class NotFound(Http404):
    """Refused as if the object were missing: answer 404 (or "not found")."""


def _check_member(user, application):
    """Only the hiring company's team acts on an application (Company.has_member:
    staff too use the admin, which shows the timeline and notes read-only)."""
    if not application.job.company.has_member(user):
        raise NotFound(APPLICATION_NOT_FOUND)


# The applicant's side


def withdraw_application(application, by):
    """The applicant steps back. Final: the application never changes again (the
    seeker may apply anew). Application.withdraw says from which statuses; the
    event is on the timeline, and the company is not e-mailed (the pipeline shows it)."""
    if by.pk != application.applicant_id:
        raise NotFound(APPLICATION_NOT_FOUND)
    with transaction.atomic():
        application.withdraw()
    logger.info("application %s withdrawn", application.pk)


# The employer's side


def stale_refusal(application):
    """Why a move made on a page showing another status than the application has
    now is refused (a colleague, or the applicant withdrawing, acted in between)."""
    return gettext("Someone else changed this application a moment ago: it is now %(status)s.") % {
        "status": application.get_status_display().lower()
    }


def move_application(application, status, by, *, seen=""):
    """Move the application to `status` for the company member `by`; e-mail the applicant.

    `seen` is the status the member's page showed, if the interface knows it:
    a move made on a stale page is refused rather than made blindly.
    Application.allowed_moves says which moves the status allows. Returns the event.
    """
    _check_member(by, application)
    if seen and seen != application.status:
        raise InvalidTransition(stale_refusal(application))
    with transaction.atomic():
        event = application.move_to(status, by=by)
        notify(Notification.Kind.STATUS_CHANGED, event.pk)
    logger.info("application %s moved to %s by user %s", application.pk, status, by.pk)
    return event


def add_note(application, author, body):
    """A private note of the hiring company on the application, whatever its status."""
    _check_member(author, application)
    note = ApplicationNote.objects.create(application=application, author=author, body=body)
    logger.info("note %s added to application %s", note.pk, application.pk)
    return note


# Saved jobs: any signed-in account may keep a list.


def save_job(user, job_id):
    """Save an open job for the user: (saved, created). Saving twice is harmless.

    A job that is not open (draft, in review, closed, expired) is refused the
    same way as one that does not exist.
    """
    job = Job.objects.visible().with_card_data().filter(pk=job_id).first()
    if job is None:
        raise NotFound(JOB_NOT_FOUND)
    # get_or_create retries the read if a parallel request inserted first.
    saved, created = SavedJob.objects.get_or_create(user=user, job=job)
    saved.job = job  # with its company and category, for the caller's answer
    return saved, created


def unsave_job(user, job_id):
    """Remove the job from the user's saved jobs, whatever its status now (a
    closed or held job can still be taken off the list). True if it was there."""
    # Through the job's own lookup: an id no job can have (out of the database's
    # range) then matches nothing, where a plain job_id filter would fail.
    job = Job.objects.filter(pk=job_id)
    deleted, _ = SavedJob.objects.filter(user=user, job__in=job).delete()
    return deleted > 0
