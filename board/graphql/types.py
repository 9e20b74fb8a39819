"""GraphQL object types: each lists its fields explicitly, so a new model field
(a note, a rejection reason, a poster) never becomes public by accident."""

import sys
from datetime import date, datetime

import strawberry
import strawberry_django
from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from strawberry import relay
from strawberry.relay.utils import SliceMetadata
from strawberry.types.base import StrawberryContainer, get_object_definition
from strawberry.types.nodes import FragmentSpread, InlineFragment
from strawberry_django.optimizer import optimize
from strawberry_django.relay import DjangoListConnection

from board.api.serializers import absolute, company_url, logo_url
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application, ApplicationEvent, ApplicationRating, SavedJob
from board.applications.resume_links import resume_link
from board.applications.screening import is_knocked_out
from board.companies.models import Company
from board.jobs.models import Category, Job, JobLocation
from board.listings.paging import capped_count, counted_rows, ranked_page
from board.places.models import Place
from board.search import snippets

from .errors import ClientError
from .screening import MyScreeningAnswerType, ScreeningAnswerType, ScreeningQuestionType

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


@strawberry_django.type(JobLocation, name="JobLocation")
class JobLocationType:
    """One place a job is in (a job has one to ten)."""

    text: str = strawberry_django.field(description="As the employer typed it.")
    country: str = strawberry_django.field(field_name="country_code", description="ISO 3166.")
    region: str
    latitude: float | None = strawberry_django.field(description="Empty: only the country known.")
    longitude: float | None

    @strawberry_django.field(only=["text", "place"], select_related=["place"])
    def label(self) -> str:
        """“Lisbon, Portugal”."""
        return self.label


@strawberry_django.type(Place, name="RemotePlace")
class RemotePlaceType:
    """A country, US state or area (“European Union”) a remote job's applicants may be in."""

    name: str
    kind: str
    country: str = strawberry_django.field(
        field_name="country_code", description="Empty for an area."
    )


@strawberry_django.type(Company, name="Company")
class CompanyType(relay.Node):
    name: str
    slug: str
    website: str
    about: str
    headquarters: str
    size: str
    verified: bool
    response_days: int | None = strawberry_django.field(
        description="The response badge: usually responds within this many days; null when "
        "there is too little data or nothing good enough to claim (the site shows nothing)."
    )
    response_rate: int | None = strawberry_django.field(
        description="The response badge: responds to this percentage of applicants, or null."
    )

    @strawberry_django.field(only=["slug"], description="The company's page on the site.")
    def url(self) -> str:
        return company_url(self)

    @strawberry_django.field(
        only=["slug", "logo", "logo_scan"], description="Its logo, if it has one."
    )
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
        """The first of `locations`, as one line."""
        return self.location_display

    locations: list[JobLocationType] = strawberry_django.field(
        description="Where the job is, first to last."
    )
    remote_within: list[RemotePlaceType] = strawberry_django.field(
        description="Remote jobs: where applicants may work from; empty: anywhere."
    )

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

    @strawberry_django.field(only=["id"])
    def snippet(self) -> str | None:
        """In a search with keywords, a short excerpt of the description where
        they matched, as HTML (escaped text, the matched words in <mark>); null
        without keywords or when only the title, company or category matched."""
        # Set for the page's jobs by Connection (board/search/snippets.py).
        return getattr(self, "snippet", None) or None

    screening_questions: list[ScreeningQuestionType] = strawberry_django.field(
        description="What applying asks (applyToJob's answers)."
    )


@strawberry_django.type(ApplicationEvent, name="ApplicationEvent")
class ApplicationEventType:
    """One move on an application's timeline; who moved it is not shown."""

    from_status: ApplicationStatus
    to_status: ApplicationStatus
    created: datetime

    @strawberry_django.field(only=["reason", "reason_text", "reason_shared"])
    def reason(self) -> str:
        """Why (a rejection's reason): empty unless the company chose to share it."""
        return self.shared_reason


@strawberry_django.type(ApplicationMessage, name="ApplicationMessage")
class ApplicationMessageType:
    """A message from the company, as the applicant received it."""

    subject: str
    body: str
    created: datetime


@strawberry_django.type(Application, name="Application")
class ApplicationType(relay.Node):
    """The applicant's view: status and timeline, never the company's notes."""

    status: ApplicationStatus
    created: datetime
    updated: datetime
    job: JobType
    events: list[ApplicationEventType]
    answers: list[MyScreeningAnswerType] = strawberry_django.field(
        description="The applicant's answers to the screening questions."
    )
    messages: list[ApplicationMessageType]


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


# Where a job's snippet is in a connection's selection: edges { node { snippet } }.
SNIPPET = ("edges", "node", "snippet")


def _selects(info, path):
    """Whether the query asks for the field at `path` below the field being resolved,
    directly or through fragments (a skipped or excluded one counts as asked)."""

    def found(selections, path):
        for selection in selections:
            if isinstance(selection, (FragmentSpread, InlineFragment)):
                if found(selection.selections, path):
                    return True
            elif selection.name == path[0] and (
                len(path) == 1 or found(selection.selections, path[1:])
            ):
                return True
        return False

    return any(found(field.selections, path) for field in info.selected_fields)


class SearchResults:
    """A job search (JobSearch.qs) for Connection, counted as the site counts it:
    up to settings.SEARCH_COUNT_CAP ("1,000+"), never with a window count over
    every match (strawberry-django's), which counted 270,000 rows for "senior"
    at a million jobs.

    Newest first, it pages by offset as other lists do, past the cap too.
    """

    ranked = False

    def __init__(self, jobs, keywords=""):
        self.jobs = jobs
        self.keywords = keywords  # for the page's snippets
        self.counted = None  # (count, exact) once known

    def narrow(self):
        """Count the jobs, and page through only their matches when they are
        few (board/listings/paging.py counted_rows)."""
        self.jobs, self.counted = counted_rows(self.jobs, settings.SEARCH_COUNT_CAP)


class RankedJobs(SearchResults):
    """A job search sorted by relevance or salary: paged as the site's result
    pages (board/listings/paging.py ranked_page), so ranking (or sorting by pay)
    stops at the cap and a broad search ranks only its newest candidates; the
    list ends at the cap, like the site's pages.

    `rows` is what a page's jobs are read from by id (visible jobs; the
    connection adds the optimizer's only/select/prefetch).
    """

    ranked = True

    def __init__(self, jobs, rows, keywords=""):
        super().__init__(jobs, keywords)
        self.rows = rows


@strawberry.type(name="Connection", description="A connection to a list of items.")
class Connection(DjangoListConnection[relay.NodeType]):
    """strawberry-django's list connection, refusing bad paging arguments as the
    client's mistake (its own checks raise errors we could not tell from a crash),
    and counting as the REST API's pages do: exact up to a cap, with a flag."""

    @strawberry.field(
        description="Items in the whole list: exact up to a cap (1,000 for `jobs`, whose "
        "list ends there when sorted by relevance or salary; 10,000 for other lists); "
        "beyond it, the cap (see countExact)."
    )
    def total_count(self) -> int | None:
        return self._counted()[0]

    @strawberry.field(description="False when the list has more items than totalCount says.")
    def count_exact(self) -> bool:
        return self._counted()[1]

    def _counted(self):
        if not hasattr(self, "_count"):
            if isinstance(self.nodes, SearchResults):  # counted as ids, unordered
                counted = self.nodes.counted
                if counted is None:
                    jobs = self.nodes.jobs.order_by().values("pk")
                    counted = capped_count(jobs, settings.SEARCH_COUNT_CAP)
                self._count = counted
                return self._count
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
        connection = cls.resolve_page(
            nodes,
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            max_results=limit,
            **kwargs,
        )
        if isinstance(nodes, SearchResults) and nodes.keywords and _selects(info, SNIPPET):
            # Only for the page's jobs, and only when asked for: the excerpts cost
            # about 3 ms of database time a page (docs/benchmarks.md, ninth pass).
            snippets.attach([edge.node for edge in connection.edges], nodes.keywords)
        return connection

    @classmethod
    def resolve_page(cls, nodes, *, info, before, after, first, last, max_results, **kwargs):
        if isinstance(nodes, RankedJobs):
            window = SliceMetadata.from_arguments(
                info, before=before, after=after, first=first, last=last, max_results=max_results
            )
            return cls.resolve_ranked(nodes, info, window.start, window.end, last)
        if isinstance(nodes, SearchResults):
            nodes.narrow()
        if isinstance(nodes, SearchResults) and (last is None or before is not None):
            # Sliced by offset without the optimizer's window count (see _counted).
            # (`last` alone needs the end of the list: the optimizer's way, below.)
            # relay.ListConnection's own slicing: the class above DjangoListConnection.
            connection = super(DjangoListConnection, cls).resolve_connection(
                optimize(nodes.jobs, info),
                info=info,
                before=before,
                after=after,
                first=first,
                last=last,
                max_results=max_results,
                **kwargs,
            )
            connection.nodes = nodes
            return connection
        search = nodes if isinstance(nodes, SearchResults) else None
        connection = super().resolve_connection(
            nodes if search is None else optimize(search.jobs, info),
            info=info,
            before=before,
            after=after,
            first=first,
            last=last,
            max_results=max_results,
            **kwargs,
        )
        if search is not None:  # counted with the search's cap, as its other pages
            connection.nodes = search
        return connection

    @classmethod
    def resolve_ranked(cls, results, info, start, end, last):
        """Items start to end (exclusive) of a RankedJobs, read with ranked_page.

        A client paging with `first: n` and the previous page's end cursor asks
        for a whole page of n: one ranked_page. Any other window is two pages
        of its size, side by side. The list ends at the cap, like the site's
        pages: hasNextPage is false there.
        """
        cap = settings.SEARCH_COUNT_CAP
        counted = None
        if end == sys.maxsize:  # `last` without `before`: the end of the list
            counted = capped_count(results.jobs.order_by().values("pk"), cap)
            end = counted[0]
            start = max(start, end - last)
        end = min(end, cap)
        jobs, size = [], end - start
        if size > 0:
            rows = optimize(results.rows, info)
            first_page = start // size + 1
            pages = [first_page] if start % size == 0 else [first_page, first_page + 1]
            for number in pages:
                page = ranked_page(results.jobs, number, size, rows=rows)
                if page.number != number:  # past the last page: ranked_page shows the last
                    break
                counted = (page.paginator.count, page.count_exact)
                jobs += page.object_list
            jobs = jobs[start - (first_page - 1) * size :][:size]
        definition = get_object_definition(cls)
        edge_class = definition.get_field("edges").resolve_type(type_definition=definition)
        while isinstance(edge_class, StrawberryContainer):  # list[Edge[JobType]]
            edge_class = edge_class.of_type
        edges = [
            edge_class.resolve_edge(cls.resolve_node(job, info=info), cursor=start + i)
            for i, job in enumerate(jobs)
        ]
        connection = cls(
            edges=edges,
            page_info=relay.PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                has_previous_page=start > 0,
                has_next_page=counted is not None and end < counted[0],
            ),
        )
        connection.nodes = results
        if counted is not None:
            connection._count = counted
        return connection


# The employer's side (board/graphql/employer.py resolves them; REST: api/views_employer.py).


@strawberry_django.type(Job, name="EmployerJob")
class EmployerJobType(JobType):
    """One of the company's own jobs, in any status, with its application count."""

    status: JobStatus
    rejection_reason: str
    created: datetime
    updated: datetime
    ends_on: date | None = strawberry_django.field(
        description="The last day it takes applications, as the employer set it."
    )

    @strawberry_django.field(only=["id"])
    def applications_total(self) -> int:
        """Applications but the withdrawn ones (annotated by the query)."""
        return self.applications_total


@strawberry_django.type(ApplicationRating, name="Rating")
class RatingType:
    """One member's rating of an application (1-5), seen only by the company's members."""

    score: int
    comment: str
    created: datetime
    updated: datetime

    @strawberry_django.field(only=["rater"], select_related=["rater"])
    def rater(self) -> str:
        """The member's name; empty if their account is gone."""
        return self.rater.display_name if self.rater else ""


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
        """Empty once the applicant deleted their account."""
        return self.applicant_email

    @strawberry_django.field
    def applicant_name(self) -> str:
        """ "Deleted applicant" once the applicant deleted their account."""
        return self.applicant_name

    @strawberry_django.field(only=["status"])
    def allowed_moves(self) -> list[ApplicationStatus]:
        return self.allowed_moves()

    @strawberry_django.field(only=["id"])
    def rating_average(self) -> float | None:
        """The members' average rating (1-5); null when nobody rated it yet."""
        return self.rating_average

    @strawberry_django.field(only=["id"])
    def rating_count(self) -> int:
        return self.rating_count

    @strawberry_django.field(
        prefetch_related=[
            lambda info: Prefetch(
                "ratings",
                queryset=ApplicationRating.objects.select_related("rater"),
                to_attr="ratings_list",
            )
        ],
    )
    def ratings(self) -> list[RatingType]:
        """Who of the company rated it what (one query for the whole page)."""
        if hasattr(self, "ratings_list"):
            return self.ratings_list
        return list(self.ratings.select_related("rater"))

    @strawberry_django.field(only=["id"])
    def resume_url(self, info: strawberry.Info) -> str:
        """A signed download link for whoever asked, valid for a few minutes; empty
        once the résumé was removed (documentsRemovedAt)."""
        if not self.resume:
            return ""
        return absolute(resume_link(self, info.context.request.user))

    documents_removed_at: datetime | None = strawberry_django.field(
        description="When the résumé and cover letter were removed (retention or deletion)."
    )

    answers: list[ScreeningAnswerType] = strawberry_django.field(
        description="Answers to the screening questions, each with the question as asked."
    )

    @strawberry_django.field(prefetch_related=["answers"])
    def knocked_out(self) -> bool:
        """An answer met a knock-out rule: marked, not refused."""
        return is_knocked_out(self)
