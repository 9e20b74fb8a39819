"""Reopening a closed job: a page asking for the new closing date, and its POST.

The rule (who may, which jobs, what reopening means) is workflow.reopen_job,
the one REST and GraphQL call; a refusal is a message on the dashboard.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from board.companies.lookups import membership_or_404
from board.jobs import workflow
from board.jobs.forms import ReopenForm
from board.jobs.models import Job
from board.web.employer import employer_required


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def job_reopen(request, pk):
    company = membership_or_404(request.user).company
    job = get_object_or_404(Job.objects.with_card_data(), pk=pk, company=company)
    form = ReopenForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        context = {"company": company, "job": job, "form": form}
        return TemplateResponse(request, "employer/job_reopen.html", context)
    try:
        workflow.reopen_job(job, request.user, form.cleaned_data["ends_on"])
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    if job.status == Job.Status.PUBLISHED:
        until = date_format(job.last_day, "j F Y")
        messages.success(
            request,
            _("“%(title)s” is open again until %(day)s.") % {"title": job.title, "day": until},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” was sent for review. We will e-mail you once it is approved.")
            % {"title": job.title},
        )
    return redirect("employer_dashboard")
