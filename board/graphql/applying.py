"""`applyToJob`: apply with the résumé on one's profile, answering the job's questions.

The site's and REST's own code decides (board/applications/applying.py: apply_state,
ApplicationForm, store_application), so GraphQL accepts and refuses the same
applications in the same words. A file upload is the site's and REST's: GraphQL
sends the profile's résumé (a seeker without one gets a BAD_USER_INPUT saying so).
"""

import strawberry
import strawberry_django
from django.http import Http404
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.api.screening import answer_errors, answers_as_form_data
from board.api.views_seeker import ALREADY_APPLIED, FORBIDDEN_STATES, NO_PROFILE_RESUME
from board.applications.applying import (
    APPLY_REFUSALS,
    ApplyState,
    application_of,
    apply_state,
    profile_resume_of,
    store_application,
)
from board.applications.forms import ApplicationForm
from board.jobs.lookups import viewable_job_or_404
from board.jobs.screening import questions_of
from board.scanning.uploads import SCANNER_DOWN, scanner_is_down

from .errors import ClientError
from .ids import job_pk
from .screening import AnswerInput
from .types import ApplicationType

INVALID = "The application is not valid: see `fields`."


def _open_job(user, job_id):
    try:
        job = viewable_job_or_404(user, job_pk(str(job_id)) or 0)
    except Http404:
        raise ClientError("No Job matches the given query.", code="NOT_FOUND") from None
    state = apply_state(user, job, application_of(user, job))
    if state == ApplyState.APPLIED:
        raise ClientError(ALREADY_APPLIED)
    if state != ApplyState.OPEN:
        code = "FORBIDDEN" if state in FORBIDDEN_STATES else "BAD_USER_INPUT"
        raise ClientError(APPLY_REFUSALS[state], code=code)
    return job


def apply_to_job(
    info: Info,
    job_id: strawberry.ID,
    cover_letter: str = "",
    answers: list[AnswerInput] | None = None,
) -> ApplicationType:
    user = info.context.request.user
    job = _open_job(user, job_id)
    profile_resume = profile_resume_of(user)
    if profile_resume is None:
        raise ClientError(NO_PROFILE_RESUME, fields={"resume": [NO_PROFILE_RESUME]})
    questions = questions_of(job)
    given = {str(a.question_id): a.answer for a in answers or []}
    data, refusal = answers_as_form_data(given, questions)
    if refusal:
        raise ClientError(refusal, fields={"answers": [refusal]})
    data |= {"cover_letter": cover_letter, "resume_source": ApplicationForm.PROFILE}
    form = ApplicationForm(data, profile_resume=profile_resume, questions=questions)
    if not form.is_valid():
        if scanner_is_down(form.errors.get_json_data()):
            raise ClientError(SCANNER_DOWN, code="SERVICE_UNAVAILABLE")  # REST's 503
        errors = {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}
        raise ClientError(INVALID, fields=answer_errors(errors, questions))
    application, created = store_application(form, job, user)
    if not created:
        raise ClientError(ALREADY_APPLIED)
    return application


APPLY_TO_JOB = strawberry_django.mutation(
    resolver=apply_to_job,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Apply to a visible job with the résumé on your profile, answering its "
    "screeningQuestions (REST: POST /api/v1/jobs/{id}/apply/, which also takes a file).",
)
