"""Reporting a job to the moderators.

Only signed-in users with a verified e-mail address may report: enough open
reports take a listing down (see board.moderation.reports.report_job), so a report must
cost more than a throwaway signup. Each user reports a job once, and at most
board.moderation.reports.REPORTS_PER_HOUR jobs an hour.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from board.accounts.rules import has_verified_email
from board.jobs.models import Job
from board.moderation import reports
from board.moderation.forms import ReportForm
from board.moderation.models import JobReport

logger = logging.getLogger(__name__)

ALREADY_REPORTED = gettext_lazy(
    "You already reported this job. Thank you: a moderator will look at it."
)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def report_job(request, pk):
    job = get_object_or_404(Job.objects.visible().with_card_data(), pk=pk)

    def page(status=200, **context):
        return TemplateResponse(
            request, "board/report_job.html", {"job": job, **context}, status=status
        )

    if not has_verified_email(request.user):
        return page(403 if request.method == "POST" else 200, unverified=True)
    if JobReport.objects.filter(job=job, reporter=request.user).exists():
        messages.info(request, ALREADY_REPORTED)
        return redirect(job)
    if request.method != "POST":
        return page(form=ReportForm())
    # Checked before the form, so a limited user is told at once; report_job()
    # checks again under a lock, for reports sent at the same moment.
    if reports.over_report_limit(request.user):
        return _rate_limited(request, page)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return page(form=form)
    try:
        report = reports.report_job(job, request.user, **form.cleaned_data)
    except reports.AlreadyReported:
        # A second tab or a double click, arriving after the check above.
        messages.info(request, ALREADY_REPORTED)
        return redirect(job)
    except reports.TooManyReports:
        return _rate_limited(request, page)
    logger.info("report %s filed: job=%s user=%s", report.pk, job.pk, request.user.pk)
    messages.success(request, _("Thank you for your report. A moderator will look at this job."))
    job.refresh_from_db(fields=["status"])
    # Enough reports took it down: its page is no longer public.
    return redirect(job if job.is_visible else "job_list")


def _rate_limited(request, page):
    logger.warning("report refused by the rate limit: user=%s", request.user.pk)
    return page(429, limited=True)
