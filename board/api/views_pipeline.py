"""The employer's applicant pipeline: a job's applicants, moving them, private notes.

Applications are looked up within the user's own company, with the same
queryset methods as the site: another company's application is 404, like a
missing one. Moves go through the Application model's transitions and notify
the applicant, as on the site.
"""

import logging

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples, schema
from board.api.pagination import CreatedCursor
from board.api.serializers import ApplicantSerializer, MoveSerializer, NoteSerializer
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, EMPLOYERS_ONLY_WRITE, _conflict
from board.applications.models import Application
from board.companies.models import Membership
from board.jobs.models import InvalidTransition, Job
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

NOT_OUR_APPLICATION = schema.not_found(schema.NO_APPLICATION)


def _company_of(user):
    membership = Membership.objects.of_user(user)
    if membership is None:
        raise Http404
    return membership.company


@extend_schema(
    tags=["employer"],
    summary="A job's applicants",
    description="Newest first. `?status=` narrows to one status.",
    parameters=[OpenApiParameter("status", str, enum=Application.Status.values)],
    responses={
        200: schema.ok(ApplicantSerializer(many=True), examples.APPLICANT),
        403: EMPLOYERS_ONLY,
        404: schema.not_found(schema.NO_JOB, schema.INVALID_CURSOR),
        **schema.SIGNED_IN,
    },
)
class JobApplicants(generics.ListAPIView):
    serializer_class = ApplicantSerializer
    permission_classes = EMPLOYER
    pagination_class = CreatedCursor
    queryset = Application.objects.none()

    def get_queryset(self):
        company = _company_of(self.request.user)
        job = get_object_or_404(Job.objects.for_company(company), pk=self.kwargs["pk"])
        applications = Application.objects.for_company(company).with_pipeline_data().filter(job=job)
        wanted = self.request.query_params.get("status")
        if wanted in Application.Status.values:
            applications = applications.filter(status=wanted)
        return applications


def _company_application(request, pk):
    applications = Application.objects.for_company(_company_of(request.user))
    return get_object_or_404(applications.with_pipeline_data(), pk=pk)


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
            schema.error("Not allowed", "An application that is hired cannot move to reviewing.")
        ),
        **schema.SIGNED_IN,
    },
    examples=schema.body("Invite to interview", examples.MOVE),
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
        application = _company_application(self.request, self.kwargs["pk"])
        note = serializer.save(application=application, author=self.request.user)
        logger.info("note %s added to application %s", note.pk, application.pk)
