"""The employer's page for a job's screening questions (board/jobs/screening.py).

Any member of the job's company may edit them while the job is editable, as for
the job's text; another company's job is 404 like a missing one. One plain form
(a formset with a few blank rows), so it works without JavaScript.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from board.applications.lookups import company_job_or_404
from board.jobs import workflow
from board.jobs.screening import MAX_QUESTIONS
from board.jobs.screening_edits import save_questions
from board.jobs.screening_forms import question_formset
from board.web.employer import employer_required


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def job_questions(request, pk):
    job = company_job_or_404(request.user, pk)
    try:
        workflow.require_editable(job, request.user)
    except workflow.JobRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    formset = question_formset(job, request.POST if request.method == "POST" else None)
    if request.method != "POST" or not formset.is_valid():
        context = {"company": job.company, "job": job, "formset": formset, "max": MAX_QUESTIONS}
        return TemplateResponse(request, "employer/job_questions.html", context)
    if save_questions(job, formset, request.user):
        messages.warning(
            request, _("Saved. The job is hidden until a moderator approves the edit.")
        )
    else:
        messages.success(request, _("The screening questions were saved."))
    return redirect("employer_job_questions", job.pk)
