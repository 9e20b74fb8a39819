"""The job seeker's side: applying, their applications, saved jobs.

Applying runs the site's own code (board/applications/applying.py): apply_state for who
may apply, ApplicationForm for the résumé, store_application to save it and
tell the company. Withdrawing, saving and unsaving are the site's workflow
(board/applications/workflow.py). So the API cannot accept what the site would
refuse, and refuses in the same words.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples, schema
from board.api.errors import conflict, not_found
from board.api.pagination import CreatedCursor
from board.api.permissions import IsSeeker
from board.api.screening import answer_errors, answers_as_form_data
from board.api.serializers import (
    ApplySerializer,
    MyApplicationSerializer,
    SavedJobSerializer,
    SaveJobSerializer,
)
from board.applications import workflow
from board.applications.applying import (
    APPLY_REFUSALS,
    ApplyState,
    application_of,
    apply_state,
    profile_resume_of,
    store_application,
)
from board.applications.forms import ApplicationForm
from board.applications.models import Application, ApplicationEvent, SavedJob
from board.jobs.lookups import viewable_job_or_404
from board.jobs.models import InvalidTransition
from board.jobs.screening import questions_of
from board.scanning.uploads import SCANNER_DOWN, scanner_is_down

ALREADY_APPLIED = "You already applied to this job."
NO_PROFILE_RESUME = "Your profile has no résumé: upload a file."
FORBIDDEN_STATES = (ApplyState.NOT_SEEKER, ApplyState.UNVERIFIED)
APPLY_TYPES = ("multipart/form-data", "application/json")
APPLY_FORBIDDEN = schema.forbidden(
    schema.error("Not a job seeker", IsSeeker.message),
    schema.error("E-mail not verified", APPLY_REFUSALS[ApplyState.UNVERIFIED]),
    schema.NO_CSRF_TOKEN,
)
APPLY_CONFLICT = schema.conflict(
    schema.error("Already applied", ALREADY_APPLIED),
    schema.error("Job closed", APPLY_REFUSALS[ApplyState.CLOSED]),
    schema.error("Applications on the company's site", APPLY_REFUSALS[ApplyState.EXTERNAL]),
)


def _my_applications(user):
    events = ApplicationEvent.objects.order_by("created", "id")
    return (
        Application.objects.filter(applicant=user)
        .select_related("job__company", "job__category")
        .prefetch_related(Prefetch("events", events), "answers", "messages")
    )


@extend_schema(
    tags=["seeker"],
    summary="Apply to a job",
    description="Multipart: `resume` (PDF or .docx, up to 5 MB, checked by content, exactly "
    "as on the site) or `use_profile_resume=true`, and an optional `cover_letter`. Refused "
    "like on the site: not a seeker or e-mail not verified: 403; closed, expired or external "
    "job: 409; an active application to this job already: 409; draft or missing job: 404. "
    "`answers` answers the job's `screening_questions` ({question id: answer}); a required "
    "one missing, a wrong kind of answer or another job's question: 400. "
    "After withdrawing, applying again makes a new application (the withdrawn one stays "
    "as it was). The company is notified. Files are virus-scanned (when the server has a "
    "scanner): a virus is a 400 naming it; the scanner not answering, 503 (retry in a "
    "minute), unless the server holds such files in quarantine until scanned.",
    request=dict.fromkeys(APPLY_TYPES, ApplySerializer),
    responses={
        201: schema.ok(MyApplicationSerializer, examples.MY_APPLICATION),
        400: schema.field_errors(examples.NOT_A_RESUME),
        403: APPLY_FORBIDDEN,
        404: schema.not_found(schema.NO_JOB),
        409: APPLY_CONFLICT,
        503: schema.unavailable(schema.error("Virus scanner down", SCANNER_DOWN)),
        **schema.SIGNED_IN,
    },
    examples=[
        *schema.body("With a file", examples.APPLY_WITH_FILE, ["multipart/form-data"]),
        *schema.body("With the profile's résumé", examples.APPLY_WITH_PROFILE_RESUME, APPLY_TYPES),
    ],
)
class ApplyToJob(APIView):
    permission_classes = [IsAuthenticated, IsSeeker]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def post(self, request, pk):
        job = viewable_job_or_404(request.user, pk)
        state = apply_state(request.user, job, application_of(request.user, job))
        if state == ApplyState.APPLIED:
            return conflict(ALREADY_APPLIED)
        if state != ApplyState.OPEN:
            code = status.HTTP_403_FORBIDDEN if state in FORBIDDEN_STATES else 409
            return Response({"detail": APPLY_REFUSALS[state]}, status=code)
        body = ApplySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        profile_resume = profile_resume_of(request.user)
        use_profile = body.validated_data["use_profile_resume"]
        if use_profile and profile_resume is None:
            return Response({"use_profile_resume": [NO_PROFILE_RESUME]}, status=400)
        data = {
            "cover_letter": body.validated_data.get("cover_letter", ""),
            "resume_source": ApplicationForm.PROFILE if use_profile else ApplicationForm.UPLOAD,
        }
        questions = questions_of(job)
        answers, refusal = answers_as_form_data(body.validated_data.get("answers"), questions)
        if refusal:
            return Response({"answers": [refusal]}, status=status.HTTP_400_BAD_REQUEST)
        data.update(answers)
        files = request.FILES if not use_profile else None
        form = ApplicationForm(data, files, profile_resume=profile_resume, questions=questions)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            if scanner_is_down(errors):
                return Response(
                    {"detail": SCANNER_DOWN}, status=status.HTTP_503_SERVICE_UNAVAILABLE
                )
            if "resume_source" in errors:
                errors["use_profile_resume"] = errors.pop("resume_source")
            messages = {name: [e["message"] for e in items] for name, items in errors.items()}
            messages = answer_errors(messages, questions)
            return Response(messages, status=status.HTTP_400_BAD_REQUEST)
        application, created = store_application(form, job, request.user)
        if not created:
            return conflict(ALREADY_APPLIED)
        application = _my_applications(request.user).get(pk=application.pk)
        data = MyApplicationSerializer(application, context={"request": request}).data
        return Response(data, status=201)


@extend_schema(
    tags=["seeker"],
    summary="My applications",
    description="Status and timeline of each application, newest first. Employers' notes "
    "are never shown here.",
    responses={
        200: schema.ok(MyApplicationSerializer(many=True), examples.MY_APPLICATION_INTERVIEWING),
        404: schema.STALE_PAGE,
        **schema.SIGNED_IN,
    },
)
class MyApplicationList(generics.ListAPIView):
    serializer_class = MyApplicationSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = CreatedCursor
    queryset = Application.objects.none()

    def get_queryset(self):
        return _my_applications(self.request.user)


@extend_schema(
    tags=["seeker"],
    summary="Withdraw an application",
    description="Until the employer has decided; otherwise 409 (a withdrawn application "
    "never changes again, so withdrawing twice is 409 too). Someone else's: 404.",
    request=None,
    responses={
        200: schema.ok(MyApplicationSerializer, examples.MY_APPLICATION_WITHDRAWN),
        403: schema.CSRF_FAILED,
        404: schema.not_found(schema.NO_APPLICATION),
        409: schema.conflict(
            schema.error("Already decided", "An application that is hired cannot be withdrawn.")
        ),
        **schema.SIGNED_IN,
    },
)
class WithdrawApplication(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        application = get_object_or_404(_my_applications(request.user), pk=pk)
        try:
            workflow.withdraw_application(application, by=request.user)
        except InvalidTransition as exc:
            return conflict(exc)
        application = _my_applications(request.user).get(pk=pk)
        return Response(MyApplicationSerializer(application, context={"request": request}).data)


class SavedJobList(generics.ListAPIView):
    serializer_class = SavedJobSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = CreatedCursor
    queryset = SavedJob.objects.none()

    def get_queryset(self):
        return SavedJob.objects.filter(user=self.request.user).select_related(
            "job__company", "job__category"
        )

    @extend_schema(
        tags=["seeker"],
        summary="My saved jobs",
        responses={
            200: schema.ok(SavedJobSerializer(many=True), examples.SAVED_JOB),
            404: schema.STALE_PAGE,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["seeker"],
        summary="Save a job",
        description="Open jobs only (404 otherwise). Saving twice is harmless: 200 the "
        "second time, 201 the first.",
        request=SaveJobSerializer,
        responses={
            201: schema.ok(SavedJobSerializer, examples.SAVED_JOB),
            200: schema.ok(SavedJobSerializer, examples.SAVED_JOB, "Saved before"),
            400: schema.field_errors(examples.NOT_A_JOB_ID),
            403: schema.CSRF_FAILED,
            404: schema.not_found(
                schema.error("No such job", workflow.JOB_NOT_FOUND),
                description="Missing, or not open.",
            ),
            **schema.SIGNED_IN,
        },
        examples=schema.body("Job 4821", examples.SAVE_JOB),
    )
    def post(self, request):
        body = SaveJobSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved, created = workflow.save_job(request.user, body.validated_data["job"])
        return Response(SavedJobSerializer(saved).data, status=201 if created else 200)


@extend_schema(
    tags=["seeker"],
    summary="Unsave a job",
    description="`job_id` is the job's id. 404 if you had not saved it.",
    request=None,
    responses={
        204: OpenApiResponse(description="Removed."),
        403: schema.CSRF_FAILED,
        404: schema.not_found(
            schema.error("Not saved", "Not found."), description="You had not saved this job."
        ),
        **schema.SIGNED_IN,
    },
)
class UnsaveJob(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request, job_id):
        if not workflow.unsave_job(request.user, job_id):
            return not_found("Not found.")
        return Response(status=status.HTTP_204_NO_CONTENT)
