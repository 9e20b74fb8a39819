"""GraphQL object types: each lists its fields explicitly, so a new model field
(a note, a rejection reason, a poster) never becomes public by accident."""

from datetime import datetime

import strawberry
import strawberry_django
from django.db import models
from django.db.models import Prefetch
from strawberry import relay
from strawberry_django.relay import DjangoListConnection

from board.api.serializers import absolute, company_url, logo_url
from board.applications.models import Application, ApplicationEvent, SavedJob
from board.applications.resume_links import resume_link
from board.companies.models import Company
from board.jobs.models import Category, Job
from board.listings.paging import capped_count

from .errors import ClientError

# Our cursors are base64 of "arrayconnection:<offset>"; no result list is longer.
MAX_CURSOR_OFFSET = 2**31 - 1

# The site's choices as GraphQL enums (values stay the database's: "on_site", …).
Workplace = strawberry.enum(Job.Workplace, name="Workplace")
EmploymentType = strawberry.enum(Job.EmploymentType, name="EmploymentType")
ExperienceLevel = strawberry.enum(Job.ExperienceLevel, name="ExperienceLevel")
SalaryPeriod = strawberry.enum(Job.SalaryPeriod, name="SalaryPeriod")
ApplicationStatus = strawberry.enum(Application.Status, name="ApplicationStatus")
JobStatus = strawberry.enum(Job.Status, name="JobStatus")


@strawberry_django.type(Category, name="Category")
class CategoryType:
    name: str
    slug: str


@strawberry_django.type(Category, name="CategoryWithCount")
class CategoryWithCountType:
    """A category on the home page's tiles: `open_jobs` is annotated by the query."""

    name: str
    slug: str
    open_jobs: int = strawberry_django.field(description="Visible jobs in this category.")


@strawberry_django.type(Company, name="Company")
class CompanyType(relay.Node):
    name: str
    slug: str
    website: str
    about: str
    headquarters: str
    size: str
    verified: bool

    @strawberry_django.field(only=["slug"], description="The company's page on the site.")
    def url(self) -> str:
        return company_url(self)

    @strawberry_django.field(only=["slug", "logo"], description="Its logo, if it has one.")
    def logo_url(self) -> str | None:
        return logo_url(self)

    @strawberry_django.field(
        prefetch_related=[
            lambda info: Prefetch(
                "jobs",
                queryset=Job.objects.visible().with_card_data().order_by("-published_at", "-id"),
                to_attr="open_jobs_list",
            )
        ],
    )
    def open_jobs(self, info: strawberry.Info) -> list["JobType"]:
        """The company's visible jobs, newest first (one query for all companies)."""
        if hasattr(self, "open_jobs_list"):
            return self.open_jobs_list
        # Where the optimizer cannot prefetch (the company of `job(id:)`, which is
        # not a queryset, or openJobs inside openJobs): one query per company and
        # request, so nesting cannot multiply the queries.
        loaded = getattr(info.context, "open_jobs", {})
        if self.pk not in loaded:
            jobs = self.jobs.visible().with_card_data().order_by("-published_at", "-id")
            loaded[self.pk] = list(jobs)
        return loaded[self.pk]


@strawberry_django.type(Job, name="Job")
class JobType(relay.Node):
    title: str
    slug: str
    description: str = strawberry_django.field(description="Markdown, as the employer wrote it.")
    employment_type: EmploymentType
    experience_level: ExperienceLevel
    workplace: Workplace
    city: str
    region: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    salary_period: SalaryPeriod
    visa_sponsorship: bool
    apply_url: str = strawberry_django.field(description="Empty when applying on Nexus Jobs.")
    published_at: datetime | None
    expires_at: datetime | None
    company: CompanyType
    category: CategoryType

    @strawberry_django.field(only=["id"])
    def database_id(self) -> int:
        return self.pk

    @strawberry_django.field(only=["country"])
    def country(self) -> str:
        """ISO 3166 code, or empty."""
        return self.country.code or ""

    @strawberry_django.field(only=["city", "region", "country"])
    def location(self) -> str:
        return self.location_display

    @strawberry_django.field(only=["description"])
    def description_html(self) -> str:
        """The description rendered to HTML through the site's allowlist sanitizer."""
        return self.description_html

    @strawberry_django.field(only=["id", "slug"], description="The job's page on the site.")
    def url(self) -> str:
        return absolute(self.get_absolute_url())

    @strawberry_django.field(only=["status", "expires_at"])
    def is_open(self) -> bool:
        """Published and not expired: the job takes applications or saves."""
        return self.is_visible


@strawberry_django.type(ApplicationEvent, name="ApplicationEvent")
class ApplicationEventType:
    """One move on an application's timeline; who moved it is not shown."""

    from_status: ApplicationStatus
    to_status: ApplicationStatus
    created: datetime


@strawberry_django.type(Application, name="Application")
class ApplicationType(relay.Node):
    """The applicant's view: status and timeline, never the company's notes."""

    status: ApplicationStatus
    created: datetime
    updated: datetime
    job: JobType
    events: list[ApplicationEventType]


@strawberry_django.type(SavedJob, name="SavedJob")
class SavedJobType:
    saved_at: datetime = strawberry_django.field(field_name="created")
    job: JobType


def check_cursor(name, cursor):
    try:
        prefix, offset = relay.from_base64(cursor)
    except ValueError:
        prefix, offset = None, ""
    valid = prefix == relay.types.PREFIX and offset.isascii() and offset.isdigit()
    if not valid or int(offset) > MAX_CURSOR_OFFSET:
        raise ClientError(f"Argument '{name}' is not a valid cursor.")


@strawberry.type(name="Connection", description="A connection to a list of items.")
class Connection(DjangoListConnection[relay.NodeType]):
    """strawberry-django's list connection, refusing bad paging arguments as the
    client's mistake (its own checks raise errors we could not tell from a crash),
    and counting as the REST API's pages do: exact up to a cap, with a flag."""

    @strawberry.field(
        description="Items in the whole list: exact up to a cap (10,000 by default); "
        "beyond it, the cap (see countExact)."
    )
    def total_count(self) -> int | None:
        return self._counted()[0]

    @strawberry.field(description="False when the list has more items than totalCount says.")
    def count_exact(self) -> bool:
        return self._counted()[1]

    def _counted(self):
        if not hasattr(self, "_count"):
            try:  # the optimizer's window count, when it paged the queryset itself
                total = self.edges[0].node._strawberry_total_count
            except (IndexError, AttributeError):
                total = self.nodes if isinstance(self.nodes, models.QuerySet) else len(self.nodes)
            self._count = capped_count(total)
        return self._count

    @classmethod
    def resolve_connection(
        cls,
        nodes,
        *,
        info,
        before=None,
        after=None,
        first=None,
        last=None,
        max_results=None,
        **kwargs,
    ):
        for name, cursor in (("after", after), ("before", before)):
            if cursor is not None:
                check_cursor(name, cursor)
        limit = max_results if max_results is not None else info.schema.config.relay_max_results
        for name, count in (("first", first), ("last", last)):
            if count is not None and count < 0:
                raise ClientError(f"Argument '{name}' must be a non-negative integer.")
            if count is not None and count > limit:
                raise ClientError(f"Argument '{name}' cannot be higher than {limit}.")
        return super().resolve_connection(
            nodes,
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            max_results=max_results,
            **kwargs,
        )


# The employer's side (board/graphql/employer.py resolves them; REST: api/views_employer.py).


@strawberry_django.type(Job, name="EmployerJob")
class EmployerJobType(JobType):
    """One of the company's own jobs, in any status, with its application count."""

    status: JobStatus
    rejection_reason: str
    created: datetime
    updated: datetime

    @strawberry_django.field(only=["id"])
    def applications_total(self) -> int:
        """Applications but the withdrawn ones (annotated by the query)."""
        return self.applications_total


@strawberry_django.type(Application, name="Applicant")
class ApplicantType(relay.Node):
    """An application as its company sees it (REST: ApplicantSerializer)."""

    status: ApplicationStatus
    cover_letter: str
    created: datetime
    updated: datetime
    job: EmployerJobType

    @strawberry_django.field
    def applicant_email(self) -> str:
        return self.applicant.email

    @strawberry_django.field
    def applicant_name(self) -> str:
        return self.applicant.display_name

    @strawberry_django.field(only=["status"])
    def allowed_moves(self) -> list[ApplicationStatus]:
        return self.allowed_moves()

    @strawberry_django.field(only=["id"])
    def resume_url(self, info: strawberry.Info) -> str:
        """A signed download link for whoever asked, valid for a few minutes."""
        return absolute(resume_link(self, info.context.request.user))
