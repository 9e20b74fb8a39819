"""The employer's job workflows: post, edit, submit, close, reopen, renew, duplicate, delete.

Each function checks the rule (who may, which status), changes the job, records
the event where there is one to record, and enqueues its e-mails. The site's
employer pages, the REST API and the renew link in the reminder e-mail call
these and only translate: a refusal is a JobRefused whose message is written
here once, shown as a page message or a REST 409 `detail` (GraphQL has no job
writes yet; a mutation would turn it into a GraphQL error the same way).

The moderator's decisions (approve, reject, close with a reason) are in
board/moderation/decisions.py, on top of the helpers at the end of this file;
expiry and reminders in board/jobs/maintenance.py.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from board.accounts.rules import is_verified_employer
from board.jobs import locations
from board.jobs.models import InvalidTransition, Job, ModerationLogEntry
from board.jobs.screening import copy_questions

logger = logging.getLogger(__name__)

Action = ModerationLogEntry.Action


class JobRefused(InvalidTransition):
    """The workflow refuses this step; str() is the message for the person asking, in
    the language of the page asking (the API's is English)."""

    def __init__(self, template, job=None):
        template = _(template)
        if job is not None:
            status = job.get_status_display().lower()
            # English's article; other languages word it their way ("Une offre au statut…").
            if status[0] in "aeiou":
                a_status = pgettext("a job in this status", "An {status}").format(status=status)
            else:
                a_status = pgettext("a job in this status", "A {status}").format(status=status)
            template = template.format(title=job.title, status=status, a_status=a_status)
        super().__init__(template)


# Every refusal, word for word as the site, the API and the tests see it in English
# (gettext_noop: plain strings here, translated when a JobRefused is raised). A translation
# words {a_status} ("A draft") through its own translation of "A {status}".
NOT_A_MEMBER = gettext_noop(
    "Only members of the job’s company, with a verified e-mail address, can do that."
)
NOT_EDITABLE = gettext_noop("{a_status} job cannot be edited.")
NOT_SUBMITTABLE = gettext_noop("{a_status} job cannot be submitted.")
NOT_CLOSABLE = gettext_noop("Only published jobs can be closed; “{title}” is {status}.")
NOT_RENEWABLE = gettext_noop(
    "Only published or expired jobs can be renewed; “{title}” is {status}."
)
NOT_DELETABLE = gettext_noop("Only drafts can be deleted. Close a published job instead.")
NOT_REOPENABLE = gettext_noop("Only closed jobs can be reopened; “{title}” is {status}.")
CLOSED_BY_MODERATOR = gettext_noop(
    "“{title}” was closed by a moderator, so it cannot be reopened. Reply to the "
    "moderators’ e-mail, or duplicate the job and submit the copy for review."
)
AT_LONGEST = gettext_noop(
    "“{title}” is already listed for the longest period allowed; renew it closer to its end."
)


def require_member(company, user):
    """Only the company's own employers act on its jobs (interfaces 404 others first)."""
    # company.has_member is the one "employer of" rule (board/companies/models.py).
    if not (is_verified_employer(user) and company.has_member(user)):
        raise JobRefused(NOT_A_MEMBER)


def require_editable(job, user):
    """Whether the user may edit the job now: the edit page asks before showing its form."""
    require_member(job.company, user)
    if not job.is_editable:
        raise JobRefused(NOT_EDITABLE, job)


@transaction.atomic
def post_job(form, company, by):
    """A new draft from a valid JobForm. Status, company, poster and dates are set
    here, never from the form: a POST naming them changes nothing. Its places,
    resolved by the form, become its locations (board/jobs/locations.py)."""
    require_member(company, by)
    job = form.save(commit=False)
    job.company, job.posted_by, job.status = company, by, Job.Status.DRAFT
    _save_with_locations(job, form)
    logger.info("job %s drafted for company %s", job.pk, company.pk)
    return job


@transaction.atomic
def edit_job(job, form, by):
    """Save a valid JobForm of the job; True if the edit took the job down for review.

    A live job of an unverified company goes back to review when its content
    changes, so a vetted listing cannot become a different one unseen.
    """
    require_editable(job, by)
    # A new closing date changes nothing seekers read but the date: no review for it.
    content_changed = bool(set(form.changed_data) - {"ends_on"})
    returns_to_review = job.edits_need_review and content_changed
    _save_with_locations(form.save(commit=False), form)
    if returns_to_review:
        return_to_review(job)
    elif job.status == Job.Status.PUBLISHED and job.ends_on and "ends_on" in form.changed_data:
        job.move_end()  # a live job's new closing date applies at once
    return returns_to_review


def _save_with_locations(job, form):
    located = form.cleaned_data["located"]
    locations.describe(job, located)
    job.save()
    locations.set_locations(job, located, form.cleaned_data["remote_places"])


@transaction.atomic
def submit_job(job, by):
    """Send a draft or rejected job out: verified companies publish at once, others
    go to review. A job held for review (after reports or an edit) must wait for a
    moderator, even at a verified company."""
    require_member(job.company, by)
    lock_job(job)
    if not job.is_submittable:
        raise JobRefused(NOT_SUBMITTABLE, job)
    job.submit()
    if job.status == Job.Status.PENDING:
        log_action(job, Action.SUBMITTED)  # the moderators' review digest reads these
    logger.info("job %s submitted: %s", job.pk, job.status)


@transaction.atomic
def close_job(job, by):
    """The employer closes a live job: final, it takes no more applications.
    (A moderator's close, with a reason and a log entry: moderation.decisions.)"""
    require_member(job.company, by)
    lock_job(job)
    if not job.is_closable:
        raise JobRefused(NOT_CLOSABLE, job)
    job.close()
    logger.info("job %s closed by user %s", job.pk, by.pk)


@transaction.atomic
def withdraw_job(job, by):
    """A job that is not live (a draft, in review, rejected) is closed for good, as
    its company closes (board/companies/closing.py): it never reaches the review
    queue again."""
    require_member(job.company, by)
    lock_job(job)
    job.withdraw()
    logger.info("job %s withdrawn by user %s", job.pk, by.pk)


@transaction.atomic
def reopen_job(job, by, ends_on=None):
    """The employer reopens a closed job, with a new closing date (`ends_on`,
    checked by ReopenForm; None: the default period). Like a new submission: a
    verified company's job is live again at once, another's waits for a
    moderator. A job a moderator closed stays closed: reopening would undo
    their decision. Applications already received stay in the pipeline."""
    require_member(job.company, by)
    lock_job(job)
    if job.status != Job.Status.CLOSED:
        raise JobRefused(NOT_REOPENABLE, job)
    if job.moderation_log.filter(action=Action.CLOSED).exists():
        raise JobRefused(CLOSED_BY_MODERATOR, job)
    job.ends_on = ends_on
    job.save(update_fields=["ends_on", "updated"])
    job.reopen()
    log_action(job, Action.REOPENED)
    logger.info("job %s reopened by user %s: %s", job.pk, by.pk, job.status)


def renew_job(job, by):
    """Another LISTING_DAYS for a live or expired job, by a member of its company."""
    require_member(job.company, by)
    _renew(job)
    logger.info("job %s renewed by user %s", job.pk, by.pk)


def renew_job_from_link(job):
    """Renew from the reminder e-mail's link: the signed token, checked by
    maintenance.job_from_renew_token, is the permission, not a session."""
    _renew(job)
    logger.info("job %s renewed from a reminder link", job.pk)


@transaction.atomic
def _renew(job):
    lock_job(job)
    if not job.is_renewable:
        raise JobRefused(NOT_RENEWABLE, job)
    if job.renewed_until(timezone.now()) <= job.expires_at:
        raise JobRefused(AT_LONGEST, job)
    job.renew()


def duplicate_job(job, by):
    """A new draft with the job's content, whatever its status, for a similar role."""
    require_member(job.company, by)
    with transaction.atomic():
        copy = job.duplicate(by=by)
        locations.copy_locations(job, copy)
        copy_questions(job, copy)
    logger.info("job %s drafted as a copy of job %s", copy.pk, job.pk)
    return copy


@transaction.atomic
def delete_draft(job, by):
    """Only a draft may go: anything once submitted stays for the moderation record."""
    require_member(job.company, by)
    lock_job(job)
    if not job.is_deletable:
        raise JobRefused(NOT_DELETABLE, job)
    job.delete()


# Shared with the moderators' decisions and the expiry run.


def lock_job(job):
    """Lock the job's row and re-read what a transition checks.

    Two requests acting at once (two moderators, an employer's double click,
    a renewal during the expiry run) then make one transition, one log entry
    and one e-mail: the second sees the new status and is refused.
    """
    fresh = Job.objects.select_for_update().values("status", "expires_at", "ends_on").get(pk=job.pk)
    job.status, job.expires_at, job.ends_on = fresh["status"], fresh["expires_at"], fresh["ends_on"]


def log_action(job, action, moderator=None, reason=""):
    return ModerationLogEntry.objects.create(
        job=job, action=action, moderator=moderator, reason=reason
    )


@transaction.atomic
def return_to_review(job):
    """An unverified company edited a live job: it waits for a moderator again."""
    job.hold_for_review()
    log_action(job, Action.RETURNED)


@transaction.atomic
def expire_job(job):
    """Mark a published job past its expiry as expired (the hourly run); a job
    renewed or closed meanwhile is refused with InvalidTransition."""
    lock_job(job)
    job.expire()
