"""What anyone may read: jobs, companies, categories. Staff also manage categories."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from board.api import examples, schema
from board.api.pagination import NamePages, NewestFirstCursor, ScorePages
from board.api.permissions import IsStaffOrReadOnly
from board.api.serializers import (
    CategorySerializer,
    CompanyDetailSerializer,
    CompanySerializer,
    JobDetailSerializer,
    JobSerializer,
)
from board.companies.models import Company
from board.jobs.lookups import viewable_job_or_404
from board.jobs.models import Category, Job
from board.listings.filters import POSTED_WITHIN, SORTS, JobFilter

NO_CATEGORY = schema.error("No such category", "No Category matches the given query.")
NOT_STAFF = schema.forbidden(
    schema.error("Not staff", IsStaffOrReadOnly.message), schema.NO_CSRF_TOKEN
)


def _choices(choices):
    return [value for value, _label in choices]


JOB_FILTERS = [
    OpenApiParameter("q", str, description="Keywords (title, skills, company); max 200."),
    OpenApiParameter("location", str, description="City, region or country (name or code)."),
    OpenApiParameter("workplace", str, many=True, enum=_choices(Job.Workplace.choices)),
    OpenApiParameter("employment_type", str, many=True, enum=_choices(Job.EmploymentType.choices)),
    OpenApiParameter(
        "experience_level", str, many=True, enum=_choices(Job.ExperienceLevel.choices)
    ),
    OpenApiParameter("category", str, description="A category's slug."),
    OpenApiParameter(
        "salary_min",
        int,
        description="Yearly pay at the top of a job's range, in `currency`; other periods and "
        "currencies are converted at the stored exchange rates.",
    ),
    OpenApiParameter(
        "currency", str, description="ISO 4217 code with an exchange rate; default USD."
    ),
    OpenApiParameter("posted_within", str, enum=_choices(POSTED_WITHIN), description="Days."),
    OpenApiParameter("visa", bool, description="Only jobs that sponsor work visas."),
    OpenApiParameter("company", str, description="A company's slug."),
    OpenApiParameter(
        "sort",
        str,
        enum=_choices(SORTS),
        description="`newest` (default without `q`; cursor pages), `relevance` (default with "
        "`q`) or `salary` (yearly pay compared in one currency; jobs without pay or without an "
        "exchange rate last): both page by number (`page`).",
    ),
    OpenApiParameter("page", int, description="Page number, for `relevance` and `salary` only."),
]


@extend_schema(
    tags=["jobs"],
    summary="Search open jobs",
    description="The site's search (/jobs/): the same filters, the same results. Invalid "
    "filter values are ignored, as on the site. Newest first, cursor-paginated; sorted by "
    "relevance or salary, paginated by page number.",
    parameters=JOB_FILTERS,
    responses={
        200: schema.ok(JobSerializer(many=True), examples.JOB, "Remote Python jobs"),
        404: schema.not_found(
            schema.INVALID_CURSOR,
            schema.INVALID_PAGE,
            description="A malformed cursor, or a page number past the last page.",
        ),
        **schema.PUBLIC,
    },
)
class JobList(generics.ListAPIView):
    serializer_class = JobSerializer
    permission_classes = [AllowAny]
    pagination_class = NewestFirstCursor

    def get_queryset(self):
        # Built once per request: list() needs it first, to choose the paginator.
        if not hasattr(self, "job_filter"):
            jobs = Job.objects.visible().with_card_data()
            self.job_filter = JobFilter(self.request.query_params, queryset=jobs)
        return self.job_filter.qs

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            by_date = self.job_filter.ordering() == ["-published_at", "-id"]
            self._paginator = NewestFirstCursor() if by_date else ScorePages()
        return self._paginator

    def list(self, request, *args, **kwargs):
        self.get_queryset()  # builds the filter the paginator choice needs
        return super().list(request, *args, **kwargs)


@extend_schema(
    tags=["jobs"],
    summary="One job",
    description="Published jobs, also once closed or expired (the page stays, as on the site). "
    "Drafts and jobs in review: 404, except for their company's members and staff.",
    responses={
        200: schema.ok(JobDetailSerializer, examples.JOB_DETAIL),
        404: schema.not_found(schema.NO_JOB),
        **schema.PUBLIC,
    },
)
class JobDetail(generics.RetrieveAPIView):
    serializer_class = JobDetailSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return viewable_job_or_404(self.request.user, self.kwargs["pk"])


def _public_companies():
    return Company.objects.filter(jobs__status__in=Job.PUBLIC_STATUSES).distinct().order_by("name")


@extend_schema(
    tags=["companies"],
    summary="Companies",
    description="Companies that have published a job (as on the site), by name.",
    responses={
        200: schema.ok(CompanySerializer(many=True), examples.COMPANY),
        404: schema.not_found(schema.INVALID_PAGE, description="Past the last page."),
        **schema.PUBLIC,
    },
)
class CompanyList(generics.ListAPIView):
    serializer_class = CompanySerializer
    permission_classes = [AllowAny]
    pagination_class = NamePages
    queryset = Company.objects.none()

    def get_queryset(self):
        return _public_companies()


@extend_schema(
    tags=["companies"],
    summary="One company and its open jobs",
    description="Only companies with a published job, like the site's company page.",
    responses={
        200: schema.ok(CompanyDetailSerializer, examples.COMPANY_DETAIL),
        404: schema.not_found(
            schema.error("No such company", "No Company matches the given query."),
            description="Missing, or without a published job: both answer the same.",
        ),
        **schema.PUBLIC,
    },
)
class CompanyDetail(generics.RetrieveAPIView):
    serializer_class = CompanyDetailSerializer
    permission_classes = [AllowAny]
    queryset = Company.objects.none()

    def get_object(self):
        open_jobs = Job.objects.visible().with_card_data().order_by("-published_at", "-id")
        company = get_object_or_404(
            Company.objects.prefetch_related(Prefetch("jobs", open_jobs, to_attr="open_jobs")),
            slug=self.kwargs["slug"],
        )
        if not company.is_public_to(self.request.user):
            raise Http404
        return company


def _categories():
    return Category.objects.with_open_job_counts().order_by("name")


def _all_categories():
    """Active and retired ones, with the same count, for staff."""
    visible = Q(jobs__status=Job.Status.PUBLISHED, jobs__expires_at__gt=timezone.now())
    return Category.objects.annotate(open_jobs=Count("jobs", filter=visible))


class CategoryList(generics.ListCreateAPIView):
    serializer_class = CategorySerializer
    permission_classes = [IsStaffOrReadOnly]
    pagination_class = None
    queryset = Category.objects.none()

    def get_queryset(self):
        return _categories()

    @extend_schema(
        tags=["categories"],
        summary="Categories with their open job counts",
        description="Active categories, each with the number of visible jobs in it.",
        responses={
            200: schema.ok(CategorySerializer(many=True), examples.CATEGORY),
            **schema.PUBLIC,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["categories"],
        summary="Add a category (staff)",
        request=CategorySerializer,
        responses={
            201: schema.ok(CategorySerializer, examples.CATEGORY_CREATED),
            400: schema.field_errors(examples.TAKEN_CATEGORY),
            403: NOT_STAFF,
            **schema.SIGNED_IN,
        },
        examples=schema.body("Cybersecurity", examples.NEW_CATEGORY),
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.save()
        serializer.instance = _all_categories().get(pk=serializer.instance.pk)


@extend_schema(tags=["categories"])
class CategoryDetail(generics.RetrieveUpdateAPIView):
    serializer_class = CategorySerializer
    permission_classes = [IsStaffOrReadOnly]
    http_method_names = ["get", "patch", "head", "options"]
    queryset = Category.objects.none()

    def get_queryset(self):
        if self.request.user.is_staff:
            # Staff also reach retired categories, to bring them back.
            return _all_categories()
        return _categories()

    @extend_schema(
        summary="One category",
        responses={
            200: schema.ok(CategorySerializer, examples.CATEGORY),
            404: schema.not_found(NO_CATEGORY),
            **schema.PUBLIC,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Rename or retire a category (staff)",
        description="Staff also reach retired categories, to bring them back.",
        request=CategorySerializer,
        responses={
            200: schema.ok(CategorySerializer, examples.CATEGORY_RENAMED, "Renamed"),
            400: schema.field_errors(examples.BLANK_CATEGORY_NAME),
            403: NOT_STAFF,
            404: schema.not_found(NO_CATEGORY),
            **schema.SIGNED_IN,
        },
        examples=[
            *schema.body("Rename", examples.RENAME_CATEGORY),
            *schema.body("Retire", examples.RETIRE_CATEGORY),
        ],
    )
    def patch(self, request, *args, **kwargs):
        return super().patch(request, *args, **kwargs)

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@permission_classes([AllowAny])
def api_not_found(request):
    raise NotFound
