"""Applying to a job: who may apply, and storing an application.

Used by the site's apply view and by the API, so both accept and refuse the
same applications, and store them the same way.

A seeker has at most one *active* application per job (any status but
withdrawn; a database constraint). Withdrawing is final for that application,
but the seeker may change their mind and apply again: that makes a new
application, and the withdrawn one stays as it was.
"""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop

from board.accounts.models import SeekerProfile
from board.accounts.rules import has_verified_email
from board.applications.models import Application, ApplicationEvent
from board.applications.screening import save_answers
from board.notifications.models import Notification
from board.notifications.outbox import notify
from board.resumes.checks import kind_of_stored

logger = logging.getLogger(__name__)


class ApplyState:
    """Why the apply panel shows what it shows; OPEN is the only one with a form."""

    OPEN = "open"
    APPLIED = "applied"
    CLOSED = "closed"
    EXTERNAL = "external"
    SIGN_IN = "sign_in"
    NOT_SEEKER = "not_seeker"
    UNVERIFIED = "unverified"


# Why one may not apply, in words: a plain (non-htmx) POST on the site gets it
# as a message (htmx gets the panel), the API as the error's detail. Marked, not
# translated here: the site translates them (gettext) in the page's language, the APIs
# answer in English.
APPLY_REFUSALS = {
    ApplyState.CLOSED: gettext_noop("This job is not accepting applications."),
    ApplyState.EXTERNAL: gettext_noop("This company takes applications on its own site."),
    ApplyState.NOT_SEEKER: gettext_noop("Only job seeker accounts can apply."),
    ApplyState.UNVERIFIED: gettext_noop("Please verify your e-mail address before applying."),
}


def apply_state(user, job, application=None):
    if application is not None:
        return ApplyState.APPLIED
    if not job.is_visible:
        return ApplyState.CLOSED
    if job.apply_url:
        return ApplyState.EXTERNAL
    if not user.is_authenticated:
        return ApplyState.SIGN_IN
    if user.is_staff or not user.is_seeker:
        return ApplyState.NOT_SEEKER
    if not has_verified_email(user):
        return ApplyState.UNVERIFIED
    return ApplyState.OPEN


def application_of(user, job):
    """The user's active application to the job, or None (withdrawn ones do not count)."""
    if not user.is_authenticated:
        return None
    return Application.objects.active().filter(job=job, applicant=user).first()


def last_withdrawn_of(user, job):
    """The user's most recently withdrawn application to the job, or None.

    The job page says "You withdrew …" above the form, so a seeker who applies
    again knows the employer saw the withdrawal.
    """
    if not user.is_authenticated:
        return None
    # When it was withdrawn is on its timeline; `updated` would move if staff
    # ever edited the row in the admin.
    withdrawal = ApplicationEvent.objects.filter(
        application=OuterRef("pk"), to_status=Application.Status.WITHDRAWN
    ).order_by("-created")
    withdrawn = Application.objects.filter(
        job=job, applicant=user, status=Application.Status.WITHDRAWN
    ).annotate(withdrawn_at=Coalesce(Subquery(withdrawal.values("created")[:1]), "updated"))
    return withdrawn.order_by("-withdrawn_at", "-id").first()


def profile_resume_of(user):
    """The résumé stored on the user's profile, or None."""
    profile = SeekerProfile.objects.filter(user=user).only("resume", "resume_scan").first()
    return profile.resume if profile and profile.resume else None


def store_application(form, job, user):
    """Save the application with its own copy of the résumé: (application, created).

    The one-active-per-job constraint is the real guard: two tabs or two fast
    clicks both pass the check in the view, and the second insert fails here;
    the caller then gets the active application that won, with created=False.
    """
    application = form.save(commit=False)
    application.job, application.applicant = job, user
    if form.uses_profile_resume:
        # A copy, so the application keeps what was sent if the profile changes.
        with form.profile_resume.open("rb") as stored:
            content = ContentFile(stored.read())
        name = f"resume.{kind_of_stored(form.profile_resume.name)}"
    else:
        content = form.cleaned_data["resume"]
        name = content.name
    application.resume.save(name, content, save=False)
    application.resume_scan = form.resume_scan
    try:
        with transaction.atomic():
            application.save()
            save_answers(application, form.questions, form.answers)
            # Written with the row, sent after the commit: a mail outage never loses
            # them. The company's notice, then the applicant's receipt.
            notify(Notification.Kind.NEW_APPLICATION, application.pk)
            notify(Notification.Kind.APPLICATION_RECEIVED, application.pk)
    except Exception as exc:
        # No file may stay on disk without a row pointing to it.
        application.resume.delete(save=False)
        existing = application_of(user, job) if isinstance(exc, IntegrityError) else None
        if existing is None:
            raise
        logger.info("application refused as duplicate: job=%s user=%s", job.pk, user.pk)
        return existing, False
    logger.info("application %s created: job=%s user=%s", application.pk, job.pk, user.pk)
    return application, True
