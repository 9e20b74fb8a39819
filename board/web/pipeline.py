"""The employer's applicant pipeline: a job's applicants, one application, its
status and its private notes.

All of it is applicants' personal data. Only members of the job's company see
it (staff use the admin); anyone else gets the same 404 as a missing id, for
fragments too. Nothing here may be cached: never_cache on every view, and the
pages opt out of htmx's history cache (hx-history="false" in the templates).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from board.applications import workflow
from board.applications.bulk import MAX_PER_REQUEST
from board.applications.forms import ApplicantFilterForm, MoveForm, NoteForm
from board.applications.lookups import company_application_or_404, company_job_or_404
from board.applications.messaging import timeline_of
from board.applications.models import Application
from board.applications.screening import ScreeningFilterForm, with_answers
from board.jobs.models import InvalidTransition
from board.jobs.screening import questions_of
from board.web import pipeline_ratings
from board.web.redirects import safe_next

PER_PAGE = 20


@require_safe
@never_cache
@vary_on_headers("HX-Request", "HX-Target")
@login_required
def applicants(request, pk):
    job = company_job_or_404(request.user, pk)
    filter_form = ApplicantFilterForm(request.GET)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    applications = (
        Application.objects.for_company(job.company)
        .with_pipeline_data()
        .filter(job=job)
        .order_by("-created", "-id")
    )
    if status:
        applications = applications.filter(status=status)
    # Screening answers: filtered with EXISTS, shown from one prefetch per page.
    screening = ScreeningFilterForm(request.GET, questions=questions_of(job))
    applications = screening.filter(applications)
    applications, rating_filter = pipeline_ratings.applicants_filtered(request, applications)
    applications = with_answers(applications)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    for application in page:
        application.move_form = MoveForm(application=application)
    counts = dict(job.applications.values_list("status").annotate(n=Count("id")))
    context = {
        "company": job.company,
        "job": job,
        "status": status,
        "screening": screening,
        "page": page,
        "status_counts": [(s, label, counts.get(s, 0)) for s, label in Application.Status.choices],
        "total": sum(counts.values()),
        "back": request.get_full_path(),
        "rating_filter": rating_filter,
        "bulk_max": MAX_PER_REQUEST,
    }
    template = "employer/applicants.html"
    # A history restore (Back after htmx's cache is gone) must get the whole page.
    if request.htmx.target == "applicant-list" and not request.htmx.history_restore_request:
        template += "#applicant_list"
    return TemplateResponse(request, template, context)


@require_safe
@never_cache
@login_required
def application_detail(request, pk):
    application = company_application_or_404(request.user, pk)
    return TemplateResponse(
        request, "employer/application_detail.html", _detail_context(application)
    )


def _detail_context(application, **extra):
    return {
        "company": application.job.company,
        "application": application,
        "events": timeline_of(application),  # status changes and messages
        "notes": application.notes.select_related("author"),
        "move_form": MoveForm(application=application),
        "note_form": NoteForm(),
        **extra,
    }


@require_POST
@never_cache
@login_required
def move_application(request, pk):
    application = company_application_or_404(request.user, pk)
    form = MoveForm(request.POST, application=application)
    error = _first_error(form) if not form.is_valid() else ""
    if not error:
        status, seen = form.cleaned_data["status"], form.cleaned_data["current"]
        try:
            workflow.move_application(application, status, by=request.user, seen=seen)
        except InvalidTransition as exc:
            error = str(exc)
    if request.htmx:
        return _status_fragment(request, application, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s’s application is now %(status)s.")
            % {
                "name": application.applicant_name,
                "status": application.get_status_display().lower(),
            },
        )
    applicants_url = reverse("employer_applicants", args=[application.job_id])
    return redirect(safe_next(request, applicants_url))


def _first_error(form):
    return next(iter(form.errors.values()))[0]


def _status_fragment(request, application, error):
    """What replaces the control that posted: the detail page's status panel, or a list row."""
    if request.htmx.target == "status-panel":
        context = _detail_context(application, move_error=error)
        return TemplateResponse(request, "employer/application_detail.html#status_panel", context)
    application.move_form = MoveForm(application=application)
    back = safe_next(request, reverse("employer_applicants", args=[application.job_id]))
    context = {"application": application, "error": error, "back": back}
    return TemplateResponse(request, "employer/applicants.html#applicant_row", context)


@require_POST
@never_cache
@login_required
def add_note(request, pk):
    application = company_application_or_404(request.user, pk)
    form = NoteForm(request.POST)
    saved = form.is_valid()
    if saved:
        workflow.add_note(application, request.user, form.cleaned_data["body"])
        form = NoteForm()  # empty again, ready for the next note
    context = _detail_context(application, note_form=form)
    if request.htmx:
        return TemplateResponse(request, "employer/application_detail.html#notes", context)
    if not saved:
        return TemplateResponse(request, "employer/application_detail.html", context)
    messages.success(request, _("Your note was added."))
    return redirect("employer_application", application.pk)
