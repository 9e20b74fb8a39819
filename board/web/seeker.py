"""The job seeker's side: saving jobs, applying, résumé downloads, and /me/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from board.accounts.forms import SeekerProfileForm
from board.accounts.models import SeekerProfile
from board.applications import workflow
from board.applications.applying import (
    APPLY_REFUSALS,
    ApplyState,
    application_of,
    apply_state,
    profile_resume_of,
    store_application,
)
from board.applications.forms import ApplicationForm
from board.applications.messaging import timeline_of
from board.applications.models import Application, SavedJob
from board.applications.resume_links import readable_by
from board.core.stored_files import delete_after_commit
from board.jobs.lookups import viewable_job_or_404
from board.jobs.models import InvalidTransition, Job
from board.jobs.screening import questions_of
from board.resumes.download import resume_response
from board.web.job_page import apply_panel_context, job_page_context
from board.web.redirects import safe_next

PER_PAGE = 20


# Saved jobs


@require_POST
@login_required
def save_job(request, pk):
    job = workflow.save_job(request.user, pk)[0].job
    return _save_button_response(
        request, job, saved=True, message=_("Saved “%(title)s”.") % {"title": job.title}
    )


@require_POST
@login_required
def unsave_job(request, pk):
    if workflow.unsave_job(request.user, pk):
        # Whatever the job's status now: what one saved, one may take off the list.
        job = get_object_or_404(Job.objects.with_card_data(), pk=pk)
    else:
        # Nothing to remove: the same answer as before, without saying more about the job.
        job = viewable_job_or_404(request.user, pk)
    message = _("Removed “%(title)s” from your saved jobs.") % {"title": job.title}
    return _save_button_response(request, job, saved=False, message=message)


def _save_button_response(request, job, saved, message):
    next_url = safe_next(request, job.get_absolute_url())
    if request.htmx:
        context = {"job": job, "saved": saved, "next": next_url}
        return TemplateResponse(request, "includes/save_button.html", context)
    messages.success(request, message)
    return redirect(next_url)


@require_safe
@never_cache
@login_required
def saved_jobs(request):
    saves = (
        SavedJob.objects.filter(user=request.user)
        .select_related("job__company", "job__category")
        .order_by("-created", "-id")
    )
    page = Paginator(saves, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "board/me/saved.html", {"page": page})


# Applying


@require_POST
@login_required
def apply_to_job(request, pk):
    job = viewable_job_or_404(request.user, pk)
    application = application_of(request.user, job)
    state = apply_state(request.user, job, application)
    if state != ApplyState.OPEN:
        refusal = _(APPLY_REFUSALS[state]) if state in APPLY_REFUSALS else ""
        return _apply_outcome(request, job, application, refusal=refusal)
    profile_resume = profile_resume_of(request.user)
    form = ApplicationForm(
        request.POST, request.FILES, profile_resume=profile_resume, questions=questions_of(job)
    )
    if not form.is_valid():
        if request.htmx:
            context = apply_panel_context(request, job, form)
            return TemplateResponse(request, "board/job_detail.html#apply_panel", context)
        return TemplateResponse(
            request, "board/job_detail.html", job_page_context(request, job, form)
        )
    application, created = store_application(form, job, request.user)
    return _apply_outcome(request, job, application, created=created)


def _apply_outcome(request, job, application, *, created=False, refusal=""):
    """The apply panel for htmx; for a plain POST, a message and the job page."""
    already_applied = application is not None and not created
    if request.htmx:
        context = apply_panel_context(request, job, application=application)
        context["already_applied"] = already_applied
        return TemplateResponse(request, "board/job_detail.html#apply_panel", context)
    if already_applied:
        messages.info(request, _("You already applied to this job."))
    elif refusal:
        messages.error(request, refusal)
    else:
        messages.success(request, _("Your application was sent. Good luck!"))
    return redirect(job)


# Résumé downloads


@require_safe
def application_resume(request, pk):
    # Readers: the applicant, members of the job's company, and staff. Anyone else,
    # anonymous visitors included, gets the 404 of a missing id, not a login page.
    application = get_object_or_404(readable_by(request.user), pk=pk)
    return resume_response(
        application.resume, f"resume-{application.pk}", scan_status=application.resume_scan
    )


@require_safe
@login_required
def profile_resume(request):
    profile = get_object_or_404(SeekerProfile.objects.exclude(resume=""), user=request.user)
    return resume_response(profile.resume, "resume", scan_status=profile.resume_scan)


# The seeker's area, /me/: personal data, so never cached (never_cache).


def _get_application_for_user(request, pk):
    """One of the user's own applications; anyone else's is 404."""
    applications = Application.objects.select_related("job__company", "job__category")
    return get_object_or_404(applications, pk=pk, applicant=request.user)


@require_safe
@never_cache
@login_required
def my_applications(request):
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("job__company")
        .with_reapplication()
        .order_by("-created", "-id")
    )
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "board/me/applications.html", {"page": page})


@require_safe
@never_cache
@login_required
def my_application(request, pk):
    application = _get_application_for_user(request, pk)
    context = {
        "application": application,
        "reapplication": application.reapplication(),
        "timeline": timeline_of(application),  # status changes and the company's messages
    }
    return TemplateResponse(request, "board/me/application_detail.html", context)


@require_safe
@never_cache
@login_required
def confirm_withdraw_application(request, pk):
    """Withdrawing is final, so no page withdraws in one click: without JavaScript
    the Withdraw buttons lead here (with htmx, hx-confirm asks instead). Only the
    POST to withdraw_application changes anything."""
    application = _get_application_for_user(request, pk)
    back = safe_next(request, reverse("my_application", args=[application.pk]))
    context = {"application": application, "next": back}
    return TemplateResponse(request, "board/me/withdraw_confirm.html", context)


@require_POST
@never_cache
@login_required
def withdraw_application(request, pk):
    application = _get_application_for_user(request, pk)
    try:
        workflow.withdraw_application(application, by=request.user)
    except InvalidTransition as exc:
        error = str(exc)
    else:
        error = ""
    if request.htmx:
        context = {"application": application, "error": error}
        return TemplateResponse(request, "board/me/applications.html#application_row", context)
    if error:
        messages.error(request, error)
    else:
        withdrew = _("You withdrew your application to “%(title)s”.")
        messages.success(request, withdrew % {"title": application.job.title})
    return redirect(safe_next(request, reverse("my_application", args=[application.pk])))


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def my_profile(request):
    profile = SeekerProfile.objects.filter(user=request.user).first()
    profile = profile or SeekerProfile(user=request.user)  # saved with the first valid POST
    old_resume = profile.resume.name
    if request.method != "POST":
        form = SeekerProfileForm(instance=profile)
        return TemplateResponse(request, "board/me/profile.html", {"form": form})
    form = SeekerProfileForm(request.POST, request.FILES, instance=profile)
    if not form.is_valid():
        return TemplateResponse(request, "board/me/profile.html", {"form": form})
    form.save()
    if old_resume and old_resume != profile.resume.name:
        # Replaced or removed: the old file goes. Applications have their own copies.
        delete_after_commit([old_resume], profile.resume.storage)
    messages.success(request, _("Your profile was saved."))
    return redirect("my_profile")
