"""The employer's side: the company's jobs (the applicant pipeline: views_pipeline.py).

Everything is looked up within the user's own company, with the same model
and queryset methods as the site: another company's job is 404, like a
missing one. Job input is validated by the site's JobForm; every change is a
function of board/jobs/workflow.py, the one the site calls, and its refusal
(JobRefused) is a 409 whose `detail` is the site's message, word for word.
"""

import logging
from datetime import date

from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples, schema
from board.api.errors import conflict
from board.api.pagination import CreatedCursor
from board.api.permissions import IsVerifiedEmployer
from board.api.serializers import (
    JOB_FORM_FIELDS,
    EmployerJobSerializer,
    JobWriteSerializer,
    ReopenSerializer,
    category_pk,
)
from board.applications.queries import with_application_counts
from board.companies.lookups import membership_or_404
from board.jobs import workflow
from board.jobs.forms import JobForm, ReopenForm
from board.jobs.models import Job, JobLocation

logger = logging.getLogger(__name__)

EMPLOYER = [IsAuthenticated, IsVerifiedEmployer]
NOT_EMPLOYER = schema.error("Not an employer", IsVerifiedEmployer.message)
NO_COMPANY = schema.error("No company yet", "No company yet")
EMPLOYERS_ONLY = schema.forbidden(NOT_EMPLOYER)
EMPLOYERS_ONLY_WRITE = schema.forbidden(NOT_EMPLOYER, schema.NO_CSRF_TOKEN)
NOT_OUR_JOB = schema.not_found(schema.NO_JOB, NO_COMPANY)


def _refusal(template, status_name, title="Senior Python Developer"):
    """A refusal's message as the API sends it, for the documentation's examples."""
    return template.format(title=title, status=status_name, a_status=f"A {status_name}")


def _company_jobs(request):
    jobs = Job.objects.for_company(membership_or_404(request.user).company)
    jobs = jobs.select_related("category", "company").prefetch_related(
        Prefetch("locations", queryset=JobLocation.objects.select_related("place")),
        "remote_within",
        "screening_questions",
    )
    return with_application_counts(jobs).order_by("-created", "-id")


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
    data = model_to_dict(job, fields=JobForm._meta.fields)
    data.update(JobForm.location_values(job) if job.pk else {})
    if hasattr(request.data, "dict"):
        incoming = request.data.dict()
    elif isinstance(request.data, dict):
        incoming = request.data
    else:
        incoming = {}
    data.update({k: v for k, v in incoming.items() if k in JOB_FORM_FIELDS})
    # The older shape, one place as city/region/country: that place as the one location.
    if "locations" not in incoming and incoming.keys() & {"city", "region", "country"}:
        data["locations"] = ", ".join(
            str(incoming[k]) for k in ("city", "region", "country") if incoming.get(k)
        )
    for name, separator in (("locations", "\n"), ("remote_within", ", ")):
        if isinstance(data.get(name), list):  # JSON lists, as the schema documents them
            data[name] = separator.join(str(item) for item in data[name])
    data["category"] = category_pk(data.get("category"))  # a slug, as jobs show it, or an id
    data["ends_on"] = _date_text(data.get("ends_on"))
    # A JSON null means "empty", as an empty form field does.
    return {k: ("" if v is None else v) for k, v in data.items()}


def _date_text(value):
    """A date as the form reads it: a JSON number or list would break the form's
    parsing (it strips text), so anything but text or a date is its text, refused
    by the form with its message; null is empty."""
    if value is None or isinstance(value, str | date):
        return "" if value is None else value
    return str(value)


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
        responses={
            200: schema.ok(EmployerJobSerializer(many=True), examples.EMPLOYER_JOB),
            403: EMPLOYERS_ONLY,
            404: schema.not_found(
                NO_COMPANY, schema.INVALID_CURSOR, description="No company yet, or a bad cursor."
            ),
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["employer"],
        summary="Draft a job",
        description="Validated like the site's job form. The job is a draft of your company; "
        "submit it to publish or send it for review.",
        request=JobWriteSerializer,
        responses={
            201: schema.ok(EmployerJobSerializer, examples.JOB_DRAFTED),
            400: schema.field_errors(examples.INVALID_JOB),
            403: EMPLOYERS_ONLY_WRITE,
            404: schema.not_found(NO_COMPANY, description="Your account has no company yet."),
            **schema.SIGNED_IN,
        },
        examples=schema.body("A remote backend job", examples.JOB_INPUT),
    )
    def post(self, request):
        company = membership_or_404(request.user).company
        form = JobForm(_form_data(request))
        if not form.is_valid():
            return _form_errors(form)
        try:
            job = workflow.post_job(form, company, request.user)
        except workflow.JobRefused as refusal:
            return conflict(refusal)
        return Response(EmployerJobSerializer(_company_job(request, job.pk)).data, status=201)


class EmployerJobDetail(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="One of my company's jobs",
        responses={
            200: schema.ok(EmployerJobSerializer, examples.EMPLOYER_JOB),
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_JOB,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, pk):
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)

    @extend_schema(
        tags=["employer"],
        summary="Edit a job",
        description="Drafts, pending, published and rejected jobs (409 otherwise). Editing a "
        "published job of an unverified company takes it down until a moderator approves.",
        request=JobWriteSerializer(partial=True),
        responses={
            200: schema.ok(EmployerJobSerializer, examples.JOB_EDITED),
            400: schema.field_errors(examples.UPSIDE_DOWN_SALARY),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_JOB,
            409: schema.conflict(
                schema.error("Closed job", _refusal(workflow.NOT_EDITABLE, "closed"))
            ),
            **schema.SIGNED_IN,
        },
        examples=schema.body("Raise the salary", examples.JOB_CHANGES),
    )
    def patch(self, request, pk):
        job = _company_job(request, pk)
        try:
            # Asked before the input is validated: a closed job is 409, whatever is sent.
            workflow.require_editable(job, request.user)
            form = JobForm(_form_data(request, job), instance=job)
            if not form.is_valid():
                return _form_errors(form)
            workflow.edit_job(job, form, request.user)
        except workflow.JobRefused as refusal:
            return conflict(refusal)
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)


def _transition_view(function, summary, description, done, refused):
    @extend_schema(
        tags=["employer"],
        summary=summary,
        description=description,
        request=None,
        responses={
            200: schema.ok(EmployerJobSerializer, done),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_JOB,
            409: schema.conflict(schema.error("Refused", refused)),
            **schema.SIGNED_IN,
        },
    )
    def post(self, request, pk):
        job = _company_job(request, pk)
        try:
            function(job, request.user)
        except workflow.JobRefused as refusal:
            return conflict(refusal)
        logger.info("job %s: %s by user %s through the API", job.pk, name, request.user.pk)
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)

    name = function.__name__.removesuffix("_job")
    return type(f"Job{name.title()}", (APIView,), {"permission_classes": EMPLOYER, "post": post})


JobSubmit = _transition_view(
    workflow.submit_job,
    "Submit a draft",
    "Verified companies' jobs are published at once; others go to review. Drafts and "
    "rejected jobs only (409 otherwise).",
    done=examples.JOB_SUBMITTED,
    refused=_refusal(workflow.NOT_SUBMITTABLE, "closed"),
)
JobClose = _transition_view(
    workflow.close_job,
    "Close a job",
    "Published jobs only (409 otherwise).",
    done=examples.JOB_CLOSED,
    refused=_refusal(workflow.NOT_CLOSABLE, "draft"),
)
JobRenew = _transition_view(
    workflow.renew_job,
    "Renew a job",
    "Published or expired jobs: to their closing date (`ends_on`) if it is ahead, else 30 "
    "more days, never beyond JOB_MAX_LISTING_DAYS from today (409 otherwise).",
    done=examples.JOB_RENEWED,
    refused=_refusal(workflow.NOT_RENEWABLE, "closed"),
)


class JobReopen(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="Reopen a closed job",
        description="With a new closing date (`ends_on`, validated like the job form's). A "
        "verified company's job is published again at once; another's goes to review. Jobs "
        "closed by a moderator stay closed (409), as does anything not closed.",
        request=ReopenSerializer,
        responses={
            200: schema.ok(EmployerJobSerializer, examples.JOB_REOPENED),
            400: schema.field_errors({"ends_on": ["The closing date cannot be in the past."]}),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_JOB,
            409: schema.conflict(
                schema.error("Refused", _refusal(workflow.NOT_REOPENABLE, "published"))
            ),
            **schema.SIGNED_IN,
        },
        examples=schema.body("Until mid-July", examples.REOPEN_INPUT),
    )
    def post(self, request, pk):
        job = _company_job(request, pk)
        data = request.data if isinstance(request.data, dict) else {}
        form = ReopenForm({"ends_on": _date_text(data.get("ends_on"))})
        if not form.is_valid():
            return _form_errors(form)
        try:
            workflow.reopen_job(job, request.user, form.cleaned_data["ends_on"])
        except workflow.JobRefused as refusal:
            return conflict(refusal)
        logger.info("job %s: reopen by user %s through the API", job.pk, request.user.pk)
        return Response(EmployerJobSerializer(_company_job(request, pk)).data)
