"""The GraphQL schema: public job search, companies and categories; the signed-in
user's applications and saved jobs; save and unsave.

Visibility follows the site: the same querysets (`Job.objects.visible()`,
`JobFilter`) and the same rule for company pages. Limits (depth, tokens,
aliases, page size) bound what one request may cost; introspection is off
unless DEBUG.
"""

import enum
from collections.abc import Iterable

import strawberry
import strawberry_django
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info
from strawberry_django.optimizer import DjangoOptimizerExtension
from strawberry_django.permissions import IsAuthenticated

from board.applications.models import Application, SavedJob
from board.companies.models import Company, Membership
from board.jobs.models import Category, Job
from board.listings.filters import JobFilter

from .errors import ClientError, Schema, is_unexpected
from .types import (
    ApplicationType,
    CategoryWithCountType,
    CompanyType,
    Connection,
    EmploymentType,
    ExperienceLevel,
    JobType,
    SavedJobType,
    Workplace,
)

MAX_PAGE_SIZE = 100
MAX_DEPTH = 8
MAX_TOKENS = 1000
MAX_ALIASES = 15
MAX_PK = 2**63 - 1  # BigAutoField


@strawberry.enum
class JobSort(enum.Enum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    SALARY = "salary"


@strawberry.input
class JobFilterInput:
    """The filters of /jobs/, with the same meaning (see board/listings/filters.py)."""

    q: str | None = None
    location: str | None = None
    workplace: list[Workplace] | None = None
    employment_type: list[EmploymentType] | None = None
    experience_level: list[ExperienceLevel] | None = None
    category: str | None = strawberry.field(default=None, description="A category slug.")
    salary_min: int | None = strawberry.field(
        default=None,
        description="Yearly pay at the top of a job's range, in `currency`; other periods "
        "and currencies are converted at the stored exchange rates.",
    )
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 code with an exchange rate; default USD."
    )
    posted_within: int | None = strawberry.field(default=None, description="1, 3, 7 or 30 days.")
    visa: bool | None = None
    company: str | None = strawberry.field(default=None, description="A company slug.")


def filter_data(filters, sort):
    """The GraphQL input as the query string /jobs/ would receive."""
    data = QueryDict(mutable=True)
    if filters is not None:
        names = ("q", "location", "category", "salary_min", "currency", "posted_within", "company")
        for name in names:
            value = getattr(filters, name)
            if value is not None:
                data[name] = str(value)
        for name in ("workplace", "employment_type", "experience_level"):
            data.setlist(name, [item.value for item in getattr(filters, name) or []])
        if filters.visa:
            data["visa"] = "true"
    if sort is not None:
        data["sort"] = sort.value
    return data


def search_jobs(filters, sort):
    """Visible jobs matching the filters, in the order /jobs/ shows them.

    Unlike the page, which shows a form error and ignores the value, an
    invalid filter (an unknown category, posted_within=5) is an error here:
    a program sent it, and silently widening its search would mislead it.
    """
    job_filter = JobFilter(
        filter_data(filters, sort), queryset=Job.objects.visible().with_card_data()
    )
    if not job_filter.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in job_filter.errors.items()
        )
        raise ClientError(f"Invalid filters: {problems}")
    return job_filter.qs


def public_companies(user):
    """Companies whose page the user may see (the rule of Company.is_public_to:
    once a company has had a live job; before that, its members and staff)."""
    companies = Company.objects.all()
    if user.is_authenticated and user.is_staff:
        return companies
    had_live_job = Exists(
        Job.objects.filter(company=OuterRef("pk"), status__in=Job.PUBLIC_STATUSES)
    )
    rule = Q(had_live_job)
    if user.is_authenticated:
        rule |= Q(Exists(Membership.objects.filter(company=OuterRef("pk"), user=user)))
    return companies.filter(rule)


def job_pk(id_value):
    """A job's primary key from a global ID ("Job:42" in base64) or a plain number;
    None for anything else, including numbers no primary key can hold."""
    if id_value.isdigit():
        return int(id_value) if int(id_value) <= MAX_PK else None
    try:
        global_id = relay.GlobalID.from_id(id_value)
    except Exception:
        return None
    if global_id.type_name != "Job":
        return None
    return job_pk(global_id.node_id)


def current_user(info: Info):
    return info.context.request.user


@strawberry.type
class Query:
    @strawberry_django.connection(
        Connection[JobType],
        max_results=MAX_PAGE_SIZE,
        description="Visible jobs, filtered and sorted like /jobs/: newest first, or by "
        "relevance when there are keywords. At most 100 a page.",
    )
    def jobs(
        self,
        info: Info,
        filters: JobFilterInput | None = None,
        sort: JobSort | None = None,
    ) -> Iterable[JobType]:
        return search_jobs(filters, sort)

    @strawberry_django.field(
        description="A visible job by global ID or database id; null for anything else."
    )
    def job(self, info: Info, id: strawberry.ID) -> JobType | None:
        pk = job_pk(str(id))
        if pk is None:
            return None
        return Job.objects.visible().filter(pk=pk).first()

    @strawberry_django.connection(
        Connection[CompanyType],
        max_results=MAX_PAGE_SIZE,
        description="Companies with a public page, by name, each with its open jobs.",
    )
    def companies(self, info: Info) -> Iterable[CompanyType]:
        return public_companies(current_user(info)).order_by("name", "id")

    @strawberry_django.field(description="Active categories with their number of visible jobs.")
    def categories(self, info: Info) -> list[CategoryWithCountType]:
        return Category.objects.with_open_job_counts().order_by("name")

    @strawberry_django.field(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="The signed-in user's applications, newest first: status and timeline.",
    )
    def my_applications(self, info: Info) -> list[ApplicationType] | None:
        return Application.objects.filter(applicant=current_user(info)).order_by("-created", "-id")

    @strawberry_django.field(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="The signed-in user's saved jobs, newest first (closed and expired too).",
    )
    def my_saved_jobs(self, info: Info) -> list[SavedJobType] | None:
        return SavedJob.objects.filter(
            user=current_user(info), job__status__in=Job.PUBLIC_STATUSES
        ).order_by("-created", "-id")


@strawberry.type
class Mutation:
    @strawberry_django.mutation(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="Save a visible job (saving it twice is fine).",
    )
    def save_job(self, info: Info, job_id: strawberry.ID) -> SavedJobType:
        pk = job_pk(str(job_id))
        job = Job.objects.visible().filter(pk=pk).first() if pk else None
        if job is None:
            raise ClientError("Job not found.")
        saved, _ = SavedJob.objects.get_or_create(user=current_user(info), job=job)
        return saved

    @strawberry_django.mutation(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="Remove a job from the saved list: true if it was there.",
    )
    def unsave_job(self, info: Info, job_id: strawberry.ID) -> bool:
        pk = job_pk(str(job_id))
        if pk is None:
            return False
        deleted, _ = SavedJob.objects.filter(user=current_user(info), job_id=pk).delete()
        return deleted > 0


def build_schema(*, debug):
    """The schema; `debug` turns introspection on (GraphiQL needs it)."""
    # Factories, so each request gets fresh extension instances.
    extensions = [
        DjangoOptimizerExtension,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
    ]
    if not debug:
        extensions += [DisableIntrospection, lambda: MaskErrors(should_mask_error=is_unexpected)]
    return Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(relay_max_results=MAX_PAGE_SIZE),
    )


# Both built once at import; the view picks one per request from settings.DEBUG.
schema = build_schema(debug=False)
debug_schema = build_schema(debug=True)
