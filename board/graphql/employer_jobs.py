"""The employer's job writes: create, update and reopen a job, with REST's rules.

Input is validated by the site's JobForm (ReopenForm for reopening), so the
messages are the site's; each change is a function of board/jobs/workflow.py,
whose refusal (JobRefused) becomes a BAD_USER_INPUT error with its message, as
REST's 409 `detail`. Another company's job is NOT_FOUND, like a missing one.
"""

import datetime

import strawberry
from django.forms.models import model_to_dict
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.api.serializers import category_pk
from board.applications.queries import with_application_counts
from board.jobs import workflow
from board.jobs.forms import JobForm, ReopenForm
from board.jobs.models import Job

from .employer import employer_company
from .errors import ClientError
from .ids import job_pk
from .types import EmployerJobType

NO_JOB = "No Job matches the given query."


@strawberry.input(description="The fields of the site's job form; on update, only those sent.")
class JobInput:
    title: str | None = strawberry.UNSET
    category: str | None = strawberry.field(
        default=strawberry.UNSET, description="The category's slug (or id)."
    )
    employment_type: str | None = strawberry.UNSET
    experience_level: str | None = strawberry.UNSET
    workplace: str | None = strawberry.UNSET
    locations: list[str] | None = strawberry.UNSET
    remote_within: list[str] | None = strawberry.UNSET
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    salary_period: str | None = strawberry.UNSET
    visa_sponsorship: bool | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    apply_url: str | None = strawberry.UNSET
    ends_on: datetime.date | None = strawberry.field(
        default=strawberry.UNSET,
        description="The last day the job takes applications, up to JOB_MAX_LISTING_DAYS "
        "ahead; null: 30 days after publication.",
    )


def _form_data(job, given):
    """The job's current values (a new job's defaults), with what was sent on top."""
    data = model_to_dict(job, fields=JobForm._meta.fields)
    data.update(JobForm.location_values(job) if job.pk else {})
    for name in [*JobForm._meta.fields, *JobForm.LOCATION_FIELDS]:
        value = getattr(given, name, strawberry.UNSET)
        if value is not strawberry.UNSET:
            data[name] = value
    for name, separator in (("locations", "\n"), ("remote_within", ", ")):
        if isinstance(data.get(name), list):
            data[name] = separator.join(data[name])
    data["category"] = category_pk(data.get("category"))
    return {k: ("" if v is None else v) for k, v in data.items()}


def _invalid(form):
    fields = {
        name: [e["message"] for e in errors] for name, errors in form.errors.get_json_data().items()
    }
    return ClientError("Invalid input.", fields=fields)


def _answer(company, pk):
    return with_application_counts(Job.objects.for_company(company).with_card_data()).get(pk=pk)


def _company_job(company, job_id):
    job = Job.objects.for_company(company).with_card_data().filter(pk=job_pk(str(job_id)) or 0)
    if not job:
        raise ClientError(NO_JOB, code="NOT_FOUND")
    return job[0]


def create_job(info: Info, input: JobInput) -> EmployerJobType:
    company = employer_company(info)
    form = JobForm(_form_data(Job(), input))
    if not form.is_valid():
        raise _invalid(form)
    try:
        job = workflow.post_job(form, company, info.context.request.user)
    except workflow.JobRefused as refusal:
        raise ClientError(str(refusal)) from None
    return _answer(company, job.pk)


def update_job(info: Info, id: strawberry.ID, input: JobInput) -> EmployerJobType:
    company = employer_company(info)
    job = _company_job(company, id)
    user = info.context.request.user
    try:
        workflow.require_editable(job, user)  # before the input, as REST asks
        form = JobForm(_form_data(job, input), instance=job)
        if not form.is_valid():
            raise _invalid(form)
        workflow.edit_job(job, form, user)
    except workflow.JobRefused as refusal:
        raise ClientError(str(refusal)) from None
    return _answer(company, job.pk)


def reopen_job(
    info: Info, id: strawberry.ID, ends_on: datetime.date | None = None
) -> EmployerJobType:
    company = employer_company(info)
    job = _company_job(company, id)
    form = ReopenForm({"ends_on": ends_on or ""})
    if not form.is_valid():
        raise _invalid(form)
    try:
        workflow.reopen_job(job, info.context.request.user, form.cleaned_data["ends_on"])
    except workflow.JobRefused as refusal:
        raise ClientError(str(refusal)) from None
    return _answer(company, job.pk)


AUTHENTICATED = [IsAuthenticated(fail_silently=False)]


@strawberry.type
class EmployerJobMutations:
    create_job: EmployerJobType = strawberry.mutation(
        resolver=create_job,
        extensions=AUTHENTICATED,
        description="Draft a job, validated like the site's form "
        "(REST: POST /api/v1/employer/jobs/).",
    )
    update_job: EmployerJobType = strawberry.mutation(
        resolver=update_job,
        extensions=AUTHENTICATED,
        description="Edit a job: only the fields sent change "
        "(REST: PATCH /api/v1/employer/jobs/{id}/).",
    )
    reopen_job: EmployerJobType = strawberry.mutation(
        resolver=reopen_job,
        extensions=AUTHENTICATED,
        description="Reopen a closed job with a new closing date (REST: POST "
        "/api/v1/employer/jobs/{id}/reopen/).",
    )
