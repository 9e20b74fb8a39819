"""What a job's page shows, shared by the public page (public.job_detail) and
by the apply view, which renders the same page, or only its apply panel for
htmx, with the form's errors."""

from board.applications.applying import (
    ApplyState,
    application_of,
    apply_state,
    last_withdrawn_of,
    profile_resume_of,
)
from board.applications.forms import ApplicationForm
from board.applications.models import SavedJob
from board.jobs.locations import prefetch_places
from board.jobs.models import Job
from board.jobs.screening import questions_of
from board.jobs.structured_data import absolute_url, job_posting
from board.listings.cards import for_cards

SIMILAR_JOBS = 4


def apply_panel_context(request, job, form=None, application=None):
    application = application or application_of(request.user, job)
    state = apply_state(request.user, job, application)
    if state == ApplyState.OPEN and form is None:
        form = ApplicationForm(
            profile_resume=profile_resume_of(request.user), questions=questions_of(job)
        )
    # Only asked when there is no active application: that one is what the panel shows.
    withdrawn = None if application else last_withdrawn_of(request.user, job)
    return {
        "job": job,
        "apply_state": state,
        "application": application,
        "withdrawn_application": withdrawn,
        "apply_form": form,
    }


def similar_jobs(job, user):
    """Up to four other open jobs in the same category, newest first, in one query."""
    return list(
        for_cards(
            Job.objects.visible().filter(category_id=job.category_id).exclude(pk=job.pk), user
        ).order_by("-published_at", "-id")[:SIMILAR_JOBS]
    )


def job_page_context(request, job, form=None):
    user = request.user
    prefetch_places([job])  # for the page's list of locations and its JSON-LD
    return {
        **apply_panel_context(request, job, form),
        "page_url": absolute_url(job.get_absolute_url()),
        "summary": _summary(job),
        "job_posting": job_posting(job) if job.is_visible else None,
        "is_saved": user.is_authenticated and SavedJob.objects.filter(user=user, job=job).exists(),
        "similar_jobs": similar_jobs(job, user),
    }


def _summary(job):
    """One line for the meta description and Open Graph."""
    where = f" in {job.location_display}" if job.location_display else ""
    return (
        f"{job.title} at {job.company.name}{where}. "
        f"{job.get_employment_type_display()}, {job.get_workplace_display()}."
    )
