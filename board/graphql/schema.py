"""The GraphQL schema: public job search, companies and categories; the signed-in
user's applications and saved jobs; save and unsave.

Visibility follows the site: the same querysets (`Job.objects.visible()`,
`JobSearch`) and the same rule for company pages (`Company.objects.visible_to`).
Limits (depth, tokens, aliases, page size) bound what one request may cost;
introspection is off unless DEBUG.
"""

import enum
from collections.abc import Iterable

import strawberry
import strawberry_django
from django import forms
from django.http import QueryDict
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

from board.applications import workflow
from board.applications.models import Application, SavedJob
from board.companies.models import Company
from board.jobs.models import Category, Job
from board.listings.search import JobSearch, SearchForm

from . import account_deletion, applying, employer, pipeline, privacy
from . import ratings as rate_application_mutation
from .employer_jobs import EmployerJobMutations
from .errors import ClientError, Schema, is_unexpected
from .ids import job_pk
from .types import (
    ApplicationType,
    CategoryWithCountType,
    CompanyType,
    Connection,
    EmploymentType,
    ExperienceLevel,
    JobType,
    RankedJobs,
    SavedJobType,
    SearchResults,
    Workplace,
)

MAX_PAGE_SIZE = 100
MAX_DEPTH = 8
MAX_TOKENS = 1000
MAX_ALIASES = 15


@strawberry.enum
class JobSort(enum.Enum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    SALARY = "salary"


# A multiple choice of the search form is a list of the GraphQL enum with its choices.
CHOICE_ENUMS = {
    tuple(Workplace.choices): Workplace,
    tuple(EmploymentType.choices): EmploymentType,
    tuple(ExperienceLevel.choices): ExperienceLevel,
}


def _graphql_type(field):
    """The GraphQL type of a search form field."""
    if isinstance(field, forms.MultipleChoiceField):
        return list[CHOICE_ENUMS[tuple(field.choices)]]
    if isinstance(field, forms.BooleanField):
        return bool
    # Amounts are whole numbers (the OpenAPI parameter's integer); a choice of numbers
    # (posted_within) is a number.
    if (
        isinstance(field, forms.DecimalField | forms.IntegerField)
        or getattr(field, "coerce", None) is int
    ):
        return int
    return str


def filter_input(form_class):
    """JobFilterInput: the search form's fields (board/listings/search.py), with their
    help texts; `sort` is an argument of its own."""
    fields = {name: field for name, field in form_class.base_fields.items() if name != "sort"}
    namespace = {
        "__doc__": "The filters of /jobs/, with the same meaning (the search form's fields).",
        "__annotations__": {name: _graphql_type(field) | None for name, field in fields.items()},
        **{
            name: strawberry.field(default=None, description=field.help_text or None)
            for name, field in fields.items()
        },
    }
    return strawberry.input(type("JobFilterInput", (), namespace))


JobFilterInput = filter_input(SearchForm)


def filter_data(filters, sort):
    """The GraphQL input as the query string /jobs/ would receive."""
    data = QueryDict(mutable=True)
    if filters is not None:
        for name in SearchForm.base_fields:
            value = getattr(filters, name, None)
            if isinstance(value, list):
                data.setlist(name, [item.value for item in value])
            elif isinstance(value, bool):
                if value:
                    data[name] = "true"
            elif value is not None:
                data[name] = str(value)
    if sort is not None:
        data["sort"] = sort.value
    return data


def search_jobs(filters, sort):
    """Visible jobs matching the filters, in the order /jobs/ shows them.

    Unlike the page, which shows a form error and ignores the value, an
    invalid filter (an unknown category, posted_within=5) is an error here:
    a program sent it, and silently widening its search would mislead it.
    """
    search = JobSearch(filter_data(filters, sort), queryset=Job.objects.visible().with_card_data())
    if not search.is_valid():
        # The form's messages by field, as REST's 400 body has them (extensions.fields).
        fields = {name: list(errors) for name, errors in search.errors.items()}
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in fields.items())
        raise ClientError(f"Invalid filters: {problems}", fields=fields)
    # Counted as the site counts, up to SEARCH_COUNT_CAP; sorted by a score
    # (relevance, salary), paged as the site's result pages are, never ranking or
    # counting every match (board/graphql/types.py).
    if search.ordering()[0] == "-published_at":
        return SearchResults(search.qs, keywords=search.keywords())
    return RankedJobs(search.qs, rows=Job.objects.visible(), keywords=search.keywords())


def current_user(info: Info):
    return info.context.request.user


@strawberry.type
class Query:
    @strawberry_django.connection(
        Connection[JobType],
        max_results=MAX_PAGE_SIZE,
        description="Visible jobs, filtered and sorted like /jobs/: newest first, or by "
        "relevance when there are keywords. At most 100 a page. Counted up to 1,000 "
        "(totalCount, countExact); sorted by relevance or salary, the list ends there, "
        "as the site's pages do.",
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
        return Company.objects.visible_to(current_user(info)).order_by("name", "id")

    me = employer.ME
    employer_jobs = employer.EMPLOYER_JOBS
    job_applicants = employer.JOB_APPLICANTS
    job_stats = employer.JOB_STATS
    my_data_exports = privacy.MY_DATA_EXPORTS

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
class Mutation(EmployerJobMutations):
    @strawberry_django.mutation(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="Save a visible job (saving it twice is fine).",
    )
    def save_job(self, info: Info, job_id: strawberry.ID) -> SavedJobType:
        pk = job_pk(str(job_id))
        try:  # a malformed id (pk None) is refused like a missing job
            return workflow.save_job(current_user(info), pk)[0]
        except workflow.NotFound as refused:
            raise ClientError(str(refused)) from None

    @strawberry_django.mutation(
        extensions=[IsAuthenticated(fail_silently=False)],
        description="Remove a job from the saved list: true if it was there.",
    )
    def unsave_job(self, info: Info, job_id: strawberry.ID) -> bool:
        pk = job_pk(str(job_id))
        return pk is not None and workflow.unsave_job(current_user(info), pk)

    rate_application = rate_application_mutation.RATE_APPLICATION
    apply_to_job = applying.APPLY_TO_JOB
    bulk_move_applications = pipeline.BULK_MOVE_APPLICATIONS
    send_application_message = pipeline.SEND_APPLICATION_MESSAGE
    request_data_export = privacy.REQUEST_DATA_EXPORT
    delete_account = account_deletion.DELETE_ACCOUNT


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
