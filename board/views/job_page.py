"""What a job's page shows, shared by the public page (public.job_detail) and
by the apply view, which renders the same page, or only its apply panel for
htmx, with the form's errors."""

from allauth.account.models import EmailAddress

from board.forms.seeker import ApplicationForm
from board.models import Application, Job, SavedJob, SeekerProfile
from board.structured_data import absolute_url, job_posting

SIMILAR_JOBS = 4


class ApplyState:
    """Why the apply panel shows what it shows; OPEN is the only one with a form."""

    OPEN = "open"
    APPLIED = "applied"
    CLOSED = "closed"
    EXTERNAL = "external"
    SIGN_IN = "sign_in"
    NOT_SEEKER = "not_seeker"
    UNVERIFIED = "unverified"


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
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        return ApplyState.UNVERIFIED
    return ApplyState.OPEN


def application_of(user, job):
    if not user.is_authenticated:
        return None
    return Application.objects.filter(job=job, applicant=user).first()


def profile_resume_of(user):
    """The résumé stored on the user's profile, or None."""
    profile = SeekerProfile.objects.filter(user=user).only("resume").first()
    return profile.resume if profile and profile.resume else None


def apply_panel_context(request, job, form=None, application=None):
    application = application or application_of(request.user, job)
    state = apply_state(request.user, job, application)
    if state == ApplyState.OPEN and form is None:
        form = ApplicationForm(profile_resume=profile_resume_of(request.user))
    return {"job": job, "apply_state": state, "application": application, "apply_form": form}


def similar_jobs(job, user):
    """Up to four other open jobs in the same category, newest first, in one query."""
    return list(
        Job.objects.visible()
        .filter(category_id=job.category_id)
        .exclude(pk=job.pk)
        .with_card_data()
        .with_saved_flag(user)
        .order_by("-published_at", "-id")[:SIMILAR_JOBS]
    )


def job_page_context(request, job, form=None):
    user = request.user
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
