"""What anyone may read: jobs, companies, categories. Staff also manage categories."""

from django import forms
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from board.api import examples, schema
from board.api.pagination import NamePages, NewestFirstCursor, ScorePages
from board.api.permissions import IsStaffOrReadOnly
from board.api.serializers import (
    CategorySerializer,
    CompanyDetailSerializer,
    CompanySerializer,
    JobDetailSerializer,
    JobResultSerializer,
)
from board.companies.models import Company
from board.jobs.lookups import viewable_job_or_404
from board.jobs.models import Category, Job, JobLocation
from board.listings.search import JobSearch, SearchForm
from board.search import snippets

NO_CATEGORY = schema.error("No such category", "No Category matches the given query.")
NOT_STAFF = schema.forbidden(
    schema.error("Not staff", IsStaffOrReadOnly.message), schema.NO_CSRF_TOKEN
)


class SiteSearch(BaseFilterBackend):
    """The site's search (board/listings/search.py) as the job list's filter.

    An invalid value is 400 with the form's own messages by parameter, the same
    messages GraphQL gives. The parameters are documented from the form's fields
    (drf-spectacular asks get_schema_operation_parameters), so the form is their
    one declaration.
    """

    def filter_queryset(self, request, queryset, view):
        view.search = JobSearch(request.query_params, queryset=queryset)
        if not view.search.is_valid():
            raise ValidationError(view.search.errors)
        return view.search.qs

    def get_schema_operation_parameters(self, view):
        return [query_parameter(name, field) for name, field in SearchForm.base_fields.items()]


def query_parameter(name, field):
    """The OpenAPI description of a search form field as a query parameter: its type,
    its choices (an enum, a list for a multiple choice) and its help text."""
    description = field.help_text or field.label
    schema = {"type": _openapi_type(field)}
    choices = [(value, label) for value, label in getattr(field, "choices", ()) if value != ""]
    if choices:
        description += "\n\n" + "\n".join(f"* `{value}` - {label}" for value, label in choices)
        schema["enum"] = sorted(
            field.coerce(value) if schema["type"] == "integer" else value for value, _ in choices
        )
    parameter = {"in": "query", "name": name, "schema": schema, "description": description}
    if isinstance(field, forms.MultipleChoiceField):
        # ?workplace=remote&workplace=hybrid
        parameter.update(schema={"type": "array", "items": schema}, explode=True, style="form")
    return parameter


def _openapi_type(field):
    if isinstance(field, forms.BooleanField):
        return "boolean"
    # Amounts are whole numbers (GraphQL's Int); a choice of numbers is a number.
    if (
        isinstance(field, forms.DecimalField | forms.IntegerField)
        or getattr(field, "coerce", None) is int
    ):
        return "integer"
    return "string"


PAGE = OpenApiParameter("page", int, description="Page number, for `relevance` and `salary`.")


@extend_schema(
    tags=["jobs"],
    summary="Search open jobs",
    description="The site's search (/jobs/): the same filters, the same results. An invalid "
    "filter value is 400, with the site form's message for it. Newest first, "
    "cursor-paginated; sorted by relevance or salary, paginated by page number.",
    parameters=[PAGE],
    responses={
        200: schema.ok(JobResultSerializer(many=True), examples.JOB_RESULT, "Remote Python jobs"),
        400: schema.field_errors(examples.INVALID_FILTERS, "Invalid filters"),
        404: schema.not_found(
            schema.INVALID_CURSOR,
            schema.INVALID_PAGE,
            description="A malformed cursor, or a page number past the last page.",
        ),
        **schema.PUBLIC,
    },
)
class JobList(generics.ListAPIView):
    serializer_class = JobResultSerializer
    permission_classes = [AllowAny]
    filter_backends = [SiteSearch]
    pagination_class = NewestFirstCursor  # the default sort's; see paginator
    queryset = Job.objects.none()  # for the schema's model; get_queryset() is what runs

    def get_queryset(self):
        return Job.objects.visible().with_card_data()

    @property
    def paginator(self):
        # Chosen once the search is validated (SiteSearch sets search): by date
        # a cursor, by a score page numbers. The schema, with no search, shows the cursor.
        if not hasattr(self, "_paginator"):
            search = getattr(self, "search", None)
            by_date = search is None or search.ordering() == ["-published_at", "-id"]
            self._paginator = NewestFirstCursor() if by_date else ScorePages()
        return self._paginator

    def paginate_queryset(self, queryset):
        jobs = super().paginate_queryset(queryset)
        # The page's locations and their places (each one's label): one query.
        rows = JobLocation.objects.select_related("place")
        prefetch_related_objects(jobs or [], Prefetch("locations", queryset=rows))
        # Score pages come from JobSearch.page(), which adds the snippets itself.
        if jobs and isinstance(self.paginator, NewestFirstCursor) and self.search.keywords():
            snippets.attach(jobs, self.search.keywords())
        return jobs


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

    def retrieve(self, request, *args, **kwargs):
        job = self.get_object()
        response = Response(self.get_serializer(job).data)
        # With the ETag (api/urls.py), a client can ask "changed since?" either way.
        response["Last-Modified"] = http_date(job.updated.timestamp())
        return response


@extend_schema(
    tags=["companies"],
    summary="Companies",
    description="Companies that have published a job, by name; their members and staff "
    "also see a company before that (as on the site).",
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
        return Company.objects.visible_to(self.request.user).order_by("name", "id")


@extend_schema(
    tags=["companies"],
    summary="One company and its open jobs",
    description="Only companies that have published a job (their members and staff see it "
    "before that), like the site's company page.",
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
        companies = Company.objects.visible_to(self.request.user)
        return get_object_or_404(
            companies.prefetch_related(Prefetch("jobs", open_jobs, to_attr="open_jobs")),
            slug=self.kwargs["slug"],
        )


def _categories():
    return Category.objects.with_open_job_counts().order_by("name")


def _all_categories():
    """Active and retired ones, with the same count, for staff."""
    return Category.objects.counting_open_jobs()


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
