"""A job's analytics for its company's members: views, apply starts and applications
per day as server-drawn SVG charts, with the numbers in a table beside them."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from board.analytics.charts import bar_chart
from board.analytics.reports import PERIODS, daily_series, period_from
from board.companies.lookups import membership_or_404
from board.jobs.models import Job
from board.web.employer import employer_required


@require_safe
@never_cache
@employer_required
def job_analytics(request, pk):
    # Another company's job is 404, exactly like a missing one.
    company = membership_or_404(request.user).company
    job = get_object_or_404(Job.objects.select_related("company"), pk=pk, company=company)
    days = period_from(request.GET.get("days"))
    series = daily_series(job, days)
    charts = [
        bar_chart(series, "views", "views"),
        bar_chart(series, "apply_starts", "apply-starts"),
        bar_chart(series, "applications", "applications"),
    ]
    context = {
        "company": company,
        "job": job,
        "days": days,
        "periods": PERIODS,
        "series": series,
        "charts": charts,
    }
    return TemplateResponse(request, "employer/job_analytics.html", context)
