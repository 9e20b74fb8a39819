"""CSV exports of applicants: one job's, or all of a company's.

Streamed: rows are written as the database hands them over (a chunked
iterator), so a company with 100,000 applications costs the memory of one
chunk, not of the whole file. Each export is logged (ExportLogEntry: who, what,
when; ids only, no personal data).

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some,
after a tab or carriage return) as a formula: an applicant named
`=HYPERLINK("http://evil", "x")` would put a link, or worse, into the
recruiter's sheet. Every text cell goes through neutralise(), which prefixes such
a value with a single quote, as OWASP's "CSV injection" advice says.
"""

import csv
import logging

from django.http import StreamingHttpResponse
from django.utils import timezone

from board.applications.models import Application, ExportLogEntry
from board.applications.screening import is_knocked_out, with_answers
from board.jobs.screening import questions_of

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER = [
    "Application id",
    "Job",
    "Applicant name",
    "Applicant e-mail",
    "Status",
    "Applied at",
    "Last change",
    "Average rating",
]


def neutralise(value):
    """The cell's text, with a leading quote if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def screening_columns(job=None):
    """The extra columns of an export: (header, value of an application) pairs,
    from the answers applicants_of() prefetched.

    One job's export: a column per screening question it asks now, headed by the
    question, then "Knocked out" (none when it asks nothing). A company's jobs ask
    different questions: one column holds each applicant's answers as "question:
    answer; …", as asked (a question since reworded or deleted reads as it was),
    then "Knocked out".
    """
    knocked_out = ("Knocked out", lambda application: _yes(is_knocked_out(application)))
    if job is None:
        return [("Screening answers", _all_answers), knocked_out]
    columns = [(question.text, _answer_to(question.pk)) for question in questions_of(job)]
    return [*columns, knocked_out] if columns else []


def _yes(flag):
    return "yes" if flag else "no"


def _answer_to(question_pk):
    def value(application):
        found = (a for a in application.answers.all() if a.question_id == question_pk)
        return next((answer.answer_display for answer in found), "")

    return value


def _all_answers(application):
    return "; ".join(f"{a.question_text}: {a.answer_display}" for a in application.answers.all())


def applicants_of(company, job=None):
    """The applications an export holds, oldest first, with what a row shows."""
    applications = Application.objects.for_company(company)
    if job is not None:
        applications = applications.filter(job=job)
    applications = applications.select_related("job", "applicant").with_ratings()
    # Prefetched chunk by chunk with the iterator (rows()): one query per chunk.
    return with_answers(applications.order_by("created", "id"))


def rows(applications, extra_columns=()):
    """The CSV's rows as lists of cells, the header first: a generator."""
    yield [*HEADER, *(header for header, _ in extra_columns)]
    # iterator(): rows are fetched CHUNK_SIZE at a time and never cached by the
    # queryset, so memory stays flat however many applications there are.
    for application in applications.iterator(chunk_size=CHUNK_SIZE):
        average = application.rating_average
        yield [
            str(application.pk),
            application.job.title,
            application.applicant.get_full_name() if application.applicant else "Deleted applicant",
            application.applicant_email,
            application.get_status_display(),
            timezone.localtime(application.created).isoformat(timespec="seconds"),
            timezone.localtime(application.updated).isoformat(timespec="seconds"),
            "" if average is None else f"{average:.2f}",
            *(value(application) for _, value in extra_columns),
        ]


class _Line:
    """A file-like object whose write() hands back what it was given (csv.writer
    writes one line into it, and the generator passes the line on)."""

    def write(self, value):
        return value


def csv_lines(applications, extra_columns=()):
    """The export as CSV text, one line at a time, every cell neutralised."""
    writer = csv.writer(_Line())
    for row in rows(applications, extra_columns):
        yield writer.writerow([neutralise(cell) for cell in row])


def filename(name_slug):
    """applicants-<slug>-<YYYY-MM-DD>.csv (a slug is safe in a header as it is)."""
    return f"applicants-{name_slug}-{timezone.localdate().isoformat()}.csv"


def log_export(company, actor, job=None):
    """Record that `actor` exported the company's applicants (one job's with `job`)."""
    scope = ExportLogEntry.Scope.JOB if job is not None else ExportLogEntry.Scope.COMPANY
    entry = ExportLogEntry.objects.create(company=company, actor=actor, job=job, scope=scope)
    logger.info(
        "applicants export %s: %s of company %s (job %s) by user %s",
        entry.pk,
        scope,
        company.pk,
        job.pk if job else "-",
        actor.pk,
    )
    return entry


def csv_response(lines, name):
    """The export as a download (the site's and the API's): streamed, never sniffed
    as anything but CSV."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
