"""`me`, and the employer's jobs and pipeline: read-only, with the REST API's rules.

Who may read is decided as REST decides it (board/accounts/rules.py, and the
company lookups of board/companies and board/applications): not signed in, an
error saying so; not a verified employer, FORBIDDEN with REST's 403 message; an
employer without a company, NOT_FOUND ("No company yet"); another company's job,
NOT_FOUND like a missing one. Single moves and notes stay on the site and REST; bulk
moves and messages to applicants are mutations (pipeline.py).
"""

from collections.abc import Iterable

import strawberry
import strawberry_django
from django.http import Http404
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.accounts.rules import EMPLOYERS_ONLY, is_verified_employer
from board.analytics.reports import daily_series, period_from
from board.applications import ratings
from board.applications.models import Application
from board.applications.queries import with_application_counts
from board.applications.screening import ScreeningFilterForm
from board.companies.lookups import membership_or_404
from board.companies.models import Membership
from board.jobs.models import Job
from board.jobs.screening import questions_of

from .errors import ClientError
from .ids import job_pk
from .stats import JobStatsType, job_stats_of
from .types import ApplicantType, ApplicationStatus, CompanyType, Connection, EmployerJobType

MAX_PAGE_SIZE = 100


@strawberry.type(name="Me")
class MeType:
    """The signed-in account: who it is and which side of the board it is on."""

    email: str
    display_name: str
    is_seeker: bool
    is_employer: bool
    is_staff: bool

    @strawberry.field(description="The company the account belongs to, if any.")
    def company(self) -> CompanyType | None:
        membership = Membership.objects.of_user(self)
        return membership.company if membership else None


def me(info: Info) -> MeType | None:
    """The signed-in account; null for an anonymous request."""
    user = info.context.request.user
    return user if user.is_authenticated else None


def employer_company(info):
    """The signed-in verified employer's company (FORBIDDEN, NOT_FOUND otherwise)."""
    user = info.context.request.user
    if not is_verified_employer(user):
        raise ClientError(EMPLOYERS_ONLY, code="FORBIDDEN")
    try:
        return membership_or_404(user).company
    except Http404 as missing:
        raise ClientError(str(missing), code="NOT_FOUND") from None


def _company_jobs(company):
    jobs = Job.objects.for_company(company).select_related("category", "company")
    return with_application_counts(jobs).order_by("-created", "-id")


def employer_jobs(info: Info) -> Iterable[EmployerJobType]:
    """The company's jobs, all statuses, newest first, with application counts."""
    return _company_jobs(employer_company(info))


def company_job(company, job_id):
    """One of the company's jobs by global ID or database id; NOT_FOUND otherwise."""
    job = Job.objects.for_company(company).filter(pk=job_pk(str(job_id)) or 0).first()
    if job is None:
        raise ClientError("No Job matches the given query.", code="NOT_FOUND")
    return job


def job_applicants(
    info: Info,
    job_id: strawberry.ID,
    status: ApplicationStatus | None = None,
    min_rating: int | None = None,
    best_rated_first: bool = False,
    answer: str | None = None,
    knocked_out: bool | None = None,
) -> Iterable[ApplicantType]:
    """A job's applications, newest first; `status` narrows to one, `minRating` to
    those whose members' average rating is at least that; `bestRatedFirst` sorts by it;
    `answer` ("<question id>:<answer>", a yes/no or one-choice screening question of
    the job) to those who answered so; `knockedOut` to those marked, or not."""
    company = employer_company(info)
    job = company_job(company, job_id)
    applications = screened(
        Application.objects.for_company(company).filter(job=job), job, answer, knocked_out
    )
    applications = applications.select_related("applicant", "job__company", "job__category")
    if status is not None:
        applications = applications.filter(status=status.value)
    applications = applications.with_ratings().order_by("-created", "-id")
    if min_rating is not None:
        applications = ratings.rated_at_least(applications, min_rating)
    return ratings.best_rated_first(applications) if best_rated_first else applications


def screened(applications, job, answer, knocked_out):
    """The site's screening filter (ScreeningFilterForm); a value it would ignore is
    the client's mistake here, as for the job search's filters."""
    data = {"answer": answer or ""}
    if knocked_out is not None:
        data["knocked_out"] = "yes" if knocked_out else "no"
    form = ScreeningFilterForm(data, questions=questions_of(job))
    if not form.is_valid():
        fields = {name: list(errors) for name, errors in form.errors.items()}
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in fields.items())
        raise ClientError(f"Invalid filters: {problems}", fields=fields)
    return form.filter(applications)


def job_stats(info: Info, job_id: strawberry.ID, days: int = 30) -> JobStatsType:
    """One of the company's jobs' views, apply starts and applications per day."""
    job = company_job(employer_company(info), job_id)
    days = period_from(str(days))
    return job_stats_of(daily_series(job, days), days)


ME = strawberry_django.field(resolver=me, description="The signed-in account, or null.")
EMPLOYER_JOBS = strawberry_django.connection(
    Connection[EmployerJobType],
    resolver=employer_jobs,
    description="The signed-in employer's company's jobs, all statuses, newest first, with "
    "application counts (REST: GET /api/v1/employer/jobs/).",
    max_results=MAX_PAGE_SIZE,
    extensions=[IsAuthenticated(fail_silently=False)],
)
JOB_APPLICANTS = strawberry_django.connection(
    Connection[ApplicantType],
    resolver=job_applicants,
    description="One of the company's jobs' applications, newest first; `status` narrows "
    "to one (REST: GET /api/v1/employer/jobs/{id}/applicants/).",
    max_results=MAX_PAGE_SIZE,
    extensions=[IsAuthenticated(fail_silently=False)],
)
JOB_STATS = strawberry_django.field(
    resolver=job_stats,
    description="One of the company's jobs' analytics per day; `days`: 7, 30 or 90 "
    "(otherwise 30) (REST: GET /api/v1/employer/jobs/{id}/stats/).",
    extensions=[IsAuthenticated(fail_silently=False)],
)
