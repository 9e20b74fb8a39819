"""The employer's CSV exports of applicants for API clients: the same files as the
site's (board/applications/exports.py), logged the same way. A HEAD answers as the
GET would (200, 403, 404) but is not logged: it sends no applicant."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from board.api import schema
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, NOT_OUR_JOB
from board.applications import exports
from board.companies.lookups import membership_or_404
from board.jobs.models import Job

COLUMNS = (
    "Columns: " + ", ".join(exports.HEADER) + ". A cell a spreadsheet would run as a formula "
    "starts with a single quote."
)
EXAMPLE = (
    ",".join(exports.HEADER)
    + ",Knocked out\r\n"
    + "42,Data Engineer,Ann Doe,ann@example.com,Reviewing,2026-12-01T09:30:00+00:00,"
    + "2026-12-02T10:00:00+00:00,4.50,no\r\n"
)
CSV = OpenApiResponse(
    OpenApiTypes.STR,
    description="The CSV file (UTF-8), streamed.",
    examples=[OpenApiExample("One applicant", value=EXAMPLE, media_type="text/csv")],
)


def _download(request, company, job=None):
    name = exports.filename(job.slug if job else company.slug)
    if request.method == "HEAD":
        return exports.csv_response([], name)
    exports.log_export(company, request.user, job=job)
    applications = exports.applicants_of(company, job=job)
    lines = exports.csv_lines(applications, exports.screening_columns(job))
    return exports.csv_response(lines, name)


class JobApplicantsCsv(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="A job's applicants as CSV",
        description=COLUMNS + " Then one column per screening question the job asks, and "
        "`Knocked out`. Each export is recorded in the company's export log.",
        responses={
            (200, "text/csv"): CSV,
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_JOB,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, pk):
        company = membership_or_404(request.user).company
        job = get_object_or_404(Job.objects.all(), pk=pk, company=company)
        return _download(request, company, job)


class CompanyApplicantsCsv(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="All of the company's applicants as CSV",
        description=COLUMNS + " Then `Screening answers` (each as `question: answer`) and "
        "`Knocked out`. Each export is recorded in the company's export log.",
        responses={(200, "text/csv"): CSV, 403: EMPLOYERS_ONLY, **schema.SIGNED_IN},
    )
    def get(self, request):
        return _download(request, membership_or_404(request.user).company)
