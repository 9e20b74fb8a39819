"""The employer's applicant pipeline: a job's applicants, moving them, private notes.

Jobs and applications are looked up within the user's own company by the
site's own lookups (board/applications/lookups.py): another company's is 404,
like a missing one. Moves and notes are the site's workflow
(board/applications/workflow.py): the same rules, the same e-mail, the same
refusals in the same words.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples, schema
from board.api.errors import conflict
from board.api.pagination import CreatedCursor
from board.api.serializers import ApplicantSerializer, MoveSerializer, NoteSerializer
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, EMPLOYERS_ONLY_WRITE, NO_COMPANY
from board.applications import workflow
from board.applications.lookups import company_application_or_404, company_job_or_404
from board.applications.models import Application
from board.applications.ratings import SCORES, rated_at_least
from board.applications.screening import ScreeningFilterForm, with_answers
from board.jobs.models import InvalidTransition
from board.jobs.screening import questions_of

NOT_OUR_APPLICATION = schema.not_found(schema.NO_APPLICATION, NO_COMPANY)


@extend_schema(
    tags=["employer"],
    summary="A job's applicants",
    description="Newest first. `?status=` narrows to one status; `?min_rating=` to those "
    "whose members' average rating is at least that (1-5; unrated ones are left out); "
    "`?answer=<question id>:<answer>` to those who gave that answer to one of the job's yes/no "
    "or one-choice screening questions (`12:yes`, `13:Lisbon`); `?knocked_out=yes|no`. "
    "An unknown value is ignored, as on the site's applicants page.",
    parameters=[
        OpenApiParameter("status", str, enum=Application.Status.values),
        OpenApiParameter("min_rating", int, enum=list(SCORES)),
        OpenApiParameter("answer", str, description="`<question id>:<answer>`"),
        OpenApiParameter("knocked_out", str, enum=["yes", "no"]),
    ],
    responses={
        200: schema.ok(ApplicantSerializer(many=True), examples.APPLICANT),
        403: EMPLOYERS_ONLY,
        404: schema.not_found(schema.NO_JOB, NO_COMPANY, schema.INVALID_CURSOR),
        **schema.SIGNED_IN,
    },
)
class JobApplicants(generics.ListAPIView):
    serializer_class = ApplicantSerializer
    permission_classes = EMPLOYER
    pagination_class = CreatedCursor
    queryset = Application.objects.none()

    def get_queryset(self):
        job = company_job_or_404(self.request.user, self.kwargs["pk"])
        applications = (
            Application.objects.for_company(job.company).with_pipeline_data().filter(job=job)
        )
        wanted = self.request.query_params.get("status")
        if wanted in Application.Status.values:
            applications = applications.filter(status=wanted)
        minimum = self.request.query_params.get("min_rating")
        if minimum in {str(score) for score in SCORES}:
            applications = rated_at_least(applications, int(minimum))
        # The site's filter form: the same answers offered, the same values ignored.
        screening = ScreeningFilterForm(self.request.query_params, questions=questions_of(job))
        return with_answers(screening.filter(applications))


@extend_schema(
    tags=["employer"],
    summary="Move an application",
    description="To one of its `allowed_moves` (409 otherwise). The applicant is e-mailed.",
    request=MoveSerializer,
    responses={
        200: schema.ok(ApplicantSerializer, examples.APPLICANT_MOVED),
        400: schema.field_errors(examples.INVALID_MOVE),
        403: EMPLOYERS_ONLY_WRITE,
        404: NOT_OUR_APPLICATION,
        409: schema.conflict(
            schema.error("Not allowed", "An application that is hired cannot move to that status.")
        ),
        **schema.SIGNED_IN,
    },
    examples=schema.body("Invite to interview", examples.MOVE),
)
class MoveApplication(APIView):
    permission_classes = EMPLOYER

    def post(self, request, pk):
        application = company_application_or_404(request.user, pk)
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            workflow.move_application(application, body.validated_data["status"], by=request.user)
        except InvalidTransition as exc:
            return conflict(exc)
        application = company_application_or_404(request.user, pk)
        return Response(ApplicantSerializer(application, context={"request": request}).data)


class ApplicationNotes(generics.ListCreateAPIView):
    serializer_class = NoteSerializer
    permission_classes = EMPLOYER
    pagination_class = None

    def get_queryset(self):
        application = company_application_or_404(self.request.user, self.kwargs["pk"])
        return application.notes.select_related("author")

    @extend_schema(
        tags=["employer"],
        summary="An application's private notes",
        description="Only the hiring company's members see them.",
        responses={
            200: schema.ok(NoteSerializer(many=True), examples.NOTE),
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_APPLICATION,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["employer"],
        summary="Add a private note",
        request=NoteSerializer,
        responses={
            201: schema.ok(NoteSerializer, examples.NOTE),
            400: schema.field_errors(examples.BLANK_NOTE),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_APPLICATION,
            **schema.SIGNED_IN,
        },
        examples=schema.body("A note", examples.NEW_NOTE),
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def perform_create(self, serializer):
        application = company_application_or_404(self.request.user, self.kwargs["pk"])
        body = serializer.validated_data["body"]
        serializer.instance = workflow.add_note(application, self.request.user, body)
