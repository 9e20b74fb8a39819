"""The employer's jobs: the dashboard, posting, editing, previewing, submitting, and actions.

Jobs are always looked up within the user's own company: another company's
job is 404, exactly like a missing one. Every change is one function of
board/jobs/workflow.py, the same the API calls; its refusal (JobRefused)
becomes a message here, never an error page.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from board.analytics.reports import with_listing_totals
from board.applications.queries import with_application_counts
from board.companies.lookups import membership_or_404
from board.companies.models import Membership
from board.core.markdown import render_markdown
from board.jobs import workflow
from board.jobs.forms import DESCRIPTION_MAX_CHARS, JobForm
from board.jobs.models import Job
from board.web.employer import employer_required
from board.web.job_page import job_page_context
from board.web.two_factor import suggests_two_factor

JOBS_PER_PAGE = 25


@require_safe
@never_cache
@employer_required
def dashboard(request):
    membership = Membership.objects.of_user(request.user)
    if membership is None:
        return TemplateResponse(request, "employer/welcome.html")
    jobs = with_application_counts(
        Job.objects.for_company(membership.company).select_related("category")
    ).order_by("-created", "-id")
    jobs = with_listing_totals(jobs)  # the last 30 days' views and applications, same query
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"membership": membership, "company": membership.company, "page": page}
    context["suggest_two_factor"] = suggests_two_factor(request)
    return TemplateResponse(request, "employer/dashboard.html", context)


# One job


def _company_job_or_404(request, pk):
    """One of the user's company's jobs; any other job is 404, as if missing."""
    company = membership_or_404(request.user).company
    return get_object_or_404(Job.objects.with_card_data(), pk=pk, company=company)


def _day(day):
    return date_format(day, "j F Y") if day else ""


def _form_page(request, form, job=None):
    context = {
        "form": form,
        "job": job,
        "returns_to_review": job is not None and job.edits_need_review,
        "preview_html": render_markdown(form["description"].value() or ""),
    }
    return TemplateResponse(request, "employer/job_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def job_create(request):
    company = membership_or_404(request.user).company
    form = JobForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form)
    try:
        job = workflow.post_job(form, company, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    messages.success(request, _("Draft saved. Check the preview, then submit it."))
    return redirect("employer_job_preview", job.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def job_edit(request, pk):
    job = _company_job_or_404(request, pk)
    try:
        workflow.require_editable(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    form = JobForm(request.POST or None, instance=job)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, form, job)
    if workflow.edit_job(job, form, request.user):
        messages.warning(
            request, _("Saved. The job is hidden until a moderator approves the edit.")
        )
    else:
        messages.success(request, _("Your changes were saved."))
    return redirect("employer_job_preview", job.pk)


@require_POST
@never_cache
@employer_required
def description_preview(request):
    membership_or_404(request.user)
    text = request.POST.get("description", "")[:DESCRIPTION_MAX_CHARS]
    context = {"preview_html": render_markdown(text)}
    return TemplateResponse(request, "employer/job_form.html#description_preview", context)


@require_safe
@never_cache
@employer_required
def job_preview(request, pk):
    job = _company_job_or_404(request, pk)
    context = {
        **job_page_context(request, job),
        # The public page as it will look, minus what only a live job has.
        "preview": True,
        "apply_state": "external" if job.apply_url else "preview",
        "job_posting": None,
        "similar_jobs": [],
        "can_submit": job.is_submittable,
        "can_edit": job.is_editable,
        "missing_pay": job.salary_min is None and job.salary_max is None,
    }
    return TemplateResponse(request, "employer/job_preview.html", context)


@require_POST
@never_cache
@employer_required
def job_submit(request, pk):
    job = _company_job_or_404(request, pk)
    try:
        workflow.submit_job(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    if job.status == Job.Status.PUBLISHED:
        messages.success(
            request,
            _("“%(title)s” is live until %(day)s.")
            % {"title": job.title, "day": _day(job.last_day)},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” was sent for review. We will e-mail you once it is approved.")
            % {"title": job.title},
        )
    return redirect("employer_dashboard")


def _transition(request, pk, function, done):
    """Run one workflow step on the company's job; a refusal is a message."""
    job = _company_job_or_404(request, pk)
    try:
        function(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _(done).format(title=job.title, expires=_day(job.last_day)))
    return redirect("employer_dashboard")


@require_safe
@never_cache
@employer_required
def job_close_confirm(request, pk):
    """Closing stops the applications (until the job is reopened, employer_reopen),
    so the Close button leads here; only the POST to job_close acts."""
    company = membership_or_404(request.user).company
    jobs = with_application_counts(Job.objects.with_card_data())
    job = get_object_or_404(jobs, pk=pk, company=company)
    context = {"company": company, "job": job}
    return TemplateResponse(request, "employer/job_close_confirm.html", context)


@require_POST
@never_cache
@employer_required
def job_close(request, pk):
    done = gettext_noop("“{title}” is closed and no longer takes applications.")
    return _transition(request, pk, workflow.close_job, done)


@require_POST
@never_cache
@employer_required
def job_renew(request, pk):
    done = gettext_noop("“{title}” was renewed until {expires}.")
    return _transition(request, pk, workflow.renew_job, done)


@require_POST
@never_cache
@employer_required
def job_duplicate(request, pk):
    job = _company_job_or_404(request, pk)
    try:
        copy = workflow.duplicate_job(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    messages.success(
        request,
        _("A new draft copied from “%(title)s”. Edit it, then submit it.") % {"title": job.title},
    )
    return redirect("employer_job_edit", copy.pk)


@require_POST
@never_cache
@employer_required
def job_delete(request, pk):
    job = _company_job_or_404(request, pk)
    try:
        workflow.delete_draft(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    messages.success(request, _("The draft “%(title)s” was deleted.") % {"title": job.title})
    return redirect("employer_dashboard")
