"""The employer's side: the company's jobs and the applicant pipeline.

Everything is looked up within the user's own company, through the site's
helpers: another company's job or application is 404, like a missing one.
Job input is validated by the site's JobForm; status changes go through the
Job and Application models' transitions, so the workflow is the site's.
"""

import logging

from django.db import transaction
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import schema
from board.api.pagination import CreatedCursor
from board.api.permissions import IsVerifiedEmployer
from board.api.serializers import (
    JOB_FORM_FIELDS,
    ApplicantSerializer,
    EmployerJobSerializer,
    JobWriteSerializer,
    MoveSerializer,
    NoteSerializer,
)
from board.forms.employer import JobForm
from board.models import Application, InvalidTransition, Job, Notification
from board.moderation import return_to_review
from board.notifications import notify
from board.views.employer import _membership_or_404
from board.views.employer_jobs import (
    EDITABLE,
    SUBMITTABLE,
    _returns_to_review,
    jobs_with_application_counts,
)
from board.views.pipeline import _applications_of, _company_of

logger = logging.getLogger(__name__)

EMPLOYER = [IsAuthenticated, IsVerifiedEmployer]
JOB_EXAMPLE = OpenApiExample(
    "A remote backend job",
    value={
        "title": "Senior Python Developer",
        "category": 1,
        "workplace": "remote",
        "employment_type": "full_time",
        "experience_level": "senior",
        "salary_min": 90000,
        "salary_max": 120000,
        "salary_currency": "EUR",
        "salary_period": "year",
        "description": "We are looking for ... (at least 150 characters of Markdown)",
    },
    request_only=True,
)


def _company_jobs(request):
    company = _membership_or_404(request).company
    return jobs_with_application_counts(company).select_related("company")


def _company_job(request, pk):
    return get_object_or_404(_company_jobs(request), pk=pk)


def _form_errors(form):
    errors = form.errors.get_json_data()
    body = {name: [e["message"] for e in items] for name, items in errors.items()}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _form_data(request, job=None):
    """The form's fields from the request, on top of the job's current values (or defaults).

    Only JobForm's fields are read: status, company, dates and the rest are ignored.
    """
    job = job or Job()  # a new job starts from the model's defaults, as the site's form does
    data = model_to_dict(job, fields=JOB_FORM_FIELDS)
    data["country"] = job.country.code if job.country else ""
    if hasattr(request.data, "dict"):
        incoming = request.data.dict()
    elif isinstance(request.data, dict):
        incoming = request.data
    else:
        incoming = {}
    data.update({k: v for k, v in incoming.items() if k in JOB_FORM_FIELDS})
    # A JSON null means "empty", as an empty form field does.
    return {k: ("" if v is None else v) for k, v in data.items()}


class EmployerJobList(generics.ListAPIView):
    serializer_class = EmployerJobSerializer
    permission_classes = EMPLOYER
    pagination_class = CreatedCursor
    queryset = Job.objects.none()

    def get_queryset(self):
        return _company_jobs(self.request)

    @extend_schema(
        tags=["employer"],
        summary="My company's jobs",
        description="All statuses, newest first, with application counts. An employer "
        "without a company: 404.",
        responses={200: EmployerJobSerializer(many=True), **schema.SIGNED_IN},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["employer"],
        summary="Draft a job",
        description="Validated like the site's job form. The job is a draft of your company; "
        "submit it to publish or send it for review.",
        request=JobWriteSerializer,
        responses={201: EmployerJobSerializer, **schema.WRITE},
        examples=[JOB_EXAMPLE],
    )
    def post(self, request):
        company = _membership_or_404(request).company
        form = JobForm(_form_data(request))
        if not form.is_valid():
            return _form_errors(form)
        job = form.save(commit=False)
        job.company, job.posted_by, job.status = company, request.user, Job.Status.DRAFT
        job.save()
        logger.info("job %s drafted through the API for company %s", job.pk, company.pk)
        return Response(EmployerJobSerializer(_company_job(request, job.pk)).data, status=201)


class EmployerJobDetail(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="One of my company's jobs",
        responses={200: EmployerJobSerializer, **schema.SIGNED_IN},
    )
    def get(self, request, pk):
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)

    @extend_schema(
        tags=["employer"],
        summary="Edit a job",
        description="Drafts, pending, published and rejected jobs (409 otherwise). Editing a "
        "published job of an unverified company takes it down until a moderator approves.",
        request=JobWriteSerializer(partial=True),
        responses={200: EmployerJobSerializer, **schema.WRITE, 409: schema.CONFLICT},
    )
    def patch(self, request, pk):
        job = _company_job(request, pk)
        if job.status not in EDITABLE:
            return _conflict(f"A {job.get_status_display().lower()} job cannot be edited.")
        returns_to_review = _returns_to_review(job)
        form = JobForm(_form_data(request, job), instance=job)
        if not form.is_valid():
            return _form_errors(form)
        with transaction.atomic():
            job = form.save()
            if returns_to_review and form.has_changed():
                return_to_review(job)
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)


def _conflict(message):
    return Response({"detail": message}, status=status.HTTP_409_CONFLICT)


def _transition_view(method, summary, description):
    @extend_schema(
        tags=["employer"],
        summary=summary,
        description=description,
        request=None,
        responses={200: EmployerJobSerializer, **schema.ACTION},
    )
    def post(self, request, pk):
        job = _company_job(request, pk)
        if method == "submit" and job.status not in SUBMITTABLE:
            return _conflict(f"A {job.get_status_display().lower()} job cannot be submitted.")
        try:
            getattr(job, method)()
        except InvalidTransition as exc:
            return _conflict(str(exc))
        logger.info("job %s: %s by user %s through the API", job.pk, method, request.user.pk)
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)

    return type(f"Job{method.title()}", (APIView,), {"permission_classes": EMPLOYER, "post": post})


JobSubmit = _transition_view(
    "submit",
    "Submit a draft",
    "Verified companies' jobs are published at once; others go to review. Drafts and "
    "rejected jobs only (409 otherwise).",
)
JobClose = _transition_view("close", "Close a job", "Published jobs only (409 otherwise).")
JobRenew = _transition_view(
    "renew", "Renew a job", "Published or expired jobs, for 30 more days (409 otherwise)."
)


@extend_schema(
    tags=["employer"],
    summary="A job's applicants",
    description="Newest first. `?status=` narrows to one status.",
    parameters=[OpenApiParameter("status", str, enum=Application.Status.values)],
    responses={200: ApplicantSerializer(many=True), **schema.SIGNED_IN},
)
class JobApplicants(generics.ListAPIView):
    serializer_class = ApplicantSerializer
    permission_classes = EMPLOYER
    pagination_class = CreatedCursor
    queryset = Application.objects.none()

    def get_queryset(self):
        company = _company_of(self.request.user)
        job = get_object_or_404(Job.objects.for_company(company), pk=self.kwargs["pk"])
        applications = _applications_of(company).filter(job=job)
        wanted = self.request.query_params.get("status")
        if wanted in Application.Status.values:
            applications = applications.filter(status=wanted)
        return applications


def _company_application(request, pk):
    return get_object_or_404(_applications_of(_company_of(request.user)), pk=pk)


@extend_schema(
    tags=["employer"],
    summary="Move an application",
    description="To one of its `allowed_moves` (409 otherwise). The applicant is e-mailed.",
    request=MoveSerializer,
    responses={200: ApplicantSerializer, **schema.WRITE, 409: schema.CONFLICT},
    examples=[OpenApiExample("Invite to interview", {"status": "interviewing"})],
)
class MoveApplication(APIView):
    permission_classes = EMPLOYER

    def post(self, request, pk):
        application = _company_application(request, pk)
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                event = application.move_to(body.validated_data["status"], by=request.user)
                notify(Notification.Kind.STATUS_CHANGED, event.pk)
        except InvalidTransition as exc:
            return _conflict(str(exc))
        logger.info("application %s moved to %s by user %s", pk, event.to_status, request.user.pk)
        return Response(ApplicantSerializer(_company_application(request, pk)).data)


class ApplicationNotes(generics.ListCreateAPIView):
    serializer_class = NoteSerializer
    permission_classes = EMPLOYER
    pagination_class = None

    def get_queryset(self):
        application = _company_application(self.request, self.kwargs["pk"])
        return application.notes.select_related("author")

    @extend_schema(
        tags=["employer"],
        summary="An application's private notes",
        description="Only the hiring company's members see them.",
        responses={200: NoteSerializer(many=True), **schema.SIGNED_IN},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["employer"],
        summary="Add a private note",
        request=NoteSerializer,
        responses={201: NoteSerializer, **schema.WRITE},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def perform_create(self, serializer):
        application = _company_application(self.request, self.kwargs["pk"])
        note = serializer.save(application=application, author=self.request.user)
        logger.info("note %s added to application %s", note.pk, application.pk)
