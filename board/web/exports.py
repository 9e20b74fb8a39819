"""The employer's CSV exports of applicants: one job's, or all of the company's.

A download, so a GET (nothing changes but the export log, which records it);
only the company's members (owners and recruiters) get it, anyone else the 404
of a missing id, anonymous visitors the login page. The body is streamed from
the database (board/applications/exports.py) and never cached.
"""

from django.contrib.auth.decorators import login_required
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from board.applications import exports
from board.applications.lookups import company_job_or_404
from board.companies.lookups import membership_or_404


# GET only, not HEAD: a HEAD would be logged as an export that sent nothing.
@require_GET
@never_cache
@login_required
def export_job_applicants(request, pk):
    job = company_job_or_404(request.user, pk)
    exports.log_export(job.company, request.user, job=job)
    applications = exports.applicants_of(job.company, job=job)
    lines = exports.csv_lines(applications, exports.screening_columns(job))
    return exports.csv_response(lines, exports.filename(job.slug))


@require_GET
@never_cache
@login_required
def export_company_applicants(request):
    company = membership_or_404(request.user).company
    exports.log_export(company, request.user)
    applications = exports.applicants_of(company)
    lines = exports.csv_lines(applications, exports.screening_columns())
    return exports.csv_response(lines, exports.filename(company.slug))
