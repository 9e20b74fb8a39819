"""What anyone may read: jobs, companies, categories. Staff also manage categories."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny

from board.api import schema
from board.api.pagination import NamePages, NewestFirstCursor, ScorePages
from board.api.permissions import IsStaffOrReadOnly
from board.api.serializers import (
    CategorySerializer,
    CompanyDetailSerializer,
    CompanySerializer,
    JobDetailSerializer,
    JobSerializer,
)
from board.filters import POSTED_WITHIN, SORTS, JobFilter
from board.models import Category, Company, Job
from board.views.public import _company_is_public, _viewable_job

PUBLIC_STATUSES = (Job.Status.PUBLISHED, Job.Status.CLOSED, Job.Status.EXPIRED)


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
    OpenApiParameter("salary_min", int, description="Yearly; other periods are converted."),
    OpenApiParameter("posted_within", str, enum=_choices(POSTED_WITHIN), description="Days."),
    OpenApiParameter("visa", bool, description="Only jobs that sponsor work visas."),
    OpenApiParameter("company", str, description="A company's slug."),
    OpenApiParameter(
        "sort",
        str,
        enum=_choices(SORTS),
        description="`newest` (default without `q`; cursor pages), `relevance` (default with "
        "`q`) or `salary`: both page by number (`page`).",
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
    responses={200: JobSerializer(many=True), **schema.PUBLIC},
    examples=[
        OpenApiExample(
            "Remote Python jobs",
            value={"next": None, "previous": None, "results": []},
            response_only=True,
        )
    ],
)
class JobList(generics.ListAPIView):
    serializer_class = JobSerializer
    permission_classes = [AllowAny]
    pagination_class = NewestFirstCursor

    def get_queryset(self):
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
    responses={200: JobDetailSerializer, **schema.PUBLIC},
)
class JobDetail(generics.RetrieveAPIView):
    serializer_class = JobDetailSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return _viewable_job(self.request, self.kwargs["pk"])


def _public_companies():
    return Company.objects.filter(jobs__status__in=PUBLIC_STATUSES).distinct().order_by("name")


@extend_schema(
    tags=["companies"],
    summary="Companies",
    description="Companies that have published a job (as on the site), by name.",
    responses={200: CompanySerializer(many=True), **schema.PUBLIC},
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
    responses={200: CompanyDetailSerializer, **schema.PUBLIC},
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
        if not _company_is_public(company, self.request.user):
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
            200: CategorySerializer(many=True),
            401: schema.UNAUTHORIZED,
            429: schema.THROTTLED,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["categories"],
        summary="Add a category (staff)",
        request=CategorySerializer,
        responses={201: CategorySerializer, **schema.WRITE},
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

    @extend_schema(summary="One category", responses={200: CategorySerializer, **schema.PUBLIC})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Rename or retire a category (staff)",
        request=CategorySerializer,
        responses={200: CategorySerializer, **schema.WRITE},
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
