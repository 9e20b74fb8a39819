"""Bulk actions on a job's applicants, and messages to one applicant.

The applicants list posts the selected ids here. A move is done at once and
answered with a report (which moved, which the workflow refused and why); a
rejection first asks for the reason, whether to share it, and an optional
message from a template (a second form, so it all works without JavaScript).
With htmx, both pages come as fragments for the panel above the applicants list,
and a move tells the list to reload itself (the applicants-changed event), so the
member stays on the list with its filters.
The rules are board/applications/bulk.py and messaging.py; this only translates.
Like the rest of the pipeline, it is the company's members' only (404 for
anyone else) and never cached.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from board.applications import bulk, messaging
from board.applications.lookups import company_application_or_404, company_job_or_404
from board.applications.message_forms import BulkForm, MessageForm, TemplatePickForm
from board.applications.models import Application
from board.jobs.models import InvalidTransition


@require_POST
@never_cache
@login_required
def bulk_action(request, pk):
    job = company_job_or_404(request.user, pk)
    form = BulkForm(request.POST)
    if not form.is_valid():
        return (
            _reject_form(request, job, form)
            if "confirm" in request.POST
            else _back(request, job, form)
        )
    data, ids = form.cleaned_data, form.ids()
    rejecting = data["status"] == Application.Status.REJECTED
    if rejecting and ("confirm" not in request.POST or "load" in request.POST):
        return _reject_form(request, job, form)
    try:
        result = bulk.move_applications(
            request.user,
            ids,
            data["status"],
            reason=data["reason"] if rejecting else "",
            reason_text=data["reason_text"] if rejecting else "",
            share_reason=data["share_reason"],
            subject=data["subject"],
            body=data["body"],
        )
    except (bulk.BulkRefused, messaging.InvalidMessage) as refused:
        if rejecting:
            return _reject_form(request, job, form, error=str(refused))
        return _refused(request, job, str(refused))
    context = {"company": job.company, "job": job, "result": result, "status": data["status"]}
    response = _page(request, "employer/bulk_result.html", "report", context)
    if request.htmx:
        response["HX-Trigger"] = "applicants-changed"
    return response


def _page(request, template, partial, context):
    """The whole page, or with htmx the part of it for the bulk panel."""
    return TemplateResponse(request, f"{template}#{partial}" if request.htmx else template, context)


def _back(request, job, form):
    return _refused(request, job, next(iter(form.errors.values()))[0])


def _refused(request, job, error):
    """Nothing was done: said in the panel (htmx) or on the list page."""
    if request.htmx:
        return TemplateResponse(request, "employer/partials/bulk_error.html", {"error": error})
    messages.error(request, error)
    return redirect("employer_applicants", job.pk)


def _reject_form(request, job, form, error=""):
    """The second step of a rejection: reason, sharing, message. "Use this template"
    (name="load") fills the message from the chosen template and shows it again."""
    company = job.company
    ids = form.ids() if form.is_valid() else form.data.getlist("applications")
    ids = [int(each) for each in ids if str(each).isdigit() and 0 < int(each) < 2**63]
    # Too many is said below; the list shown (and carried on) stops a little past the cap.
    refusal = bulk.bulk_refusal(ids, Application.Status.REJECTED, "other")
    ids = ids[: bulk.MAX_PER_REQUEST + 1]
    chosen = Application.objects.for_company(company).filter(pk__in=ids)
    picker = TemplatePickForm(request.POST, company=company)
    if "load" in request.POST and picker.is_valid():
        template = messaging.template_by_key(company, picker.cleaned_data["template"])
        if template is not None:
            data = request.POST.copy()
            data["subject"], data["body"] = template.subject, template.body
            form = BulkForm(data)
            form.is_valid()  # shows the loaded text; errors, if any, are the template's
    context = {
        "company": company,
        "job": job,
        "form": form,
        "picker": picker,
        "chosen": chosen.select_related("applicant").order_by("-created", "-id"),
        "ids": ids,
        # None selected, or too many: said before the member fills in the rest.
        "error": error or refusal,
    }
    return _page(request, "employer/bulk_reject.html", "reject_form", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def message_applicant(request, pk):
    """Write to one applicant: from a template (picked with a GET), edited, or free text."""
    application = company_application_or_404(request.user, pk)
    company = application.job.company
    picker = TemplatePickForm(request.GET or None, company=company)
    initial = {}
    if picker.is_valid() and picker.cleaned_data["template"]:
        template = messaging.template_by_key(company, picker.cleaned_data["template"])
        initial = {"subject": template.subject, "body": template.body} if template else {}
    form = MessageForm(request.POST if request.method == "POST" else None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            messaging.send_message(
                application, request.user, form.cleaned_data["subject"], form.cleaned_data["body"]
            )
        except (InvalidTransition, messaging.InvalidMessage) as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                _("Your message to %(name)s was sent.") % {"name": application.applicant_name},
            )
            return redirect("employer_application", application.pk)
    context = {
        "company": company,
        "application": application,
        "form": form,
        "picker": picker,
        "error": error,
    }
    return TemplateResponse(request, "employer/message_applicant.html", context)
