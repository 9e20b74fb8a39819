"""The employer's bulk moves and messages to applicants (issue 16).

The same domain functions as the site (board/applications/bulk.py and
messaging.py), so the API moves, refuses and e-mails exactly as the pages do.
A bulk move answers 200 with which applications moved, which the workflow
refused (with its words) and which ids are not the company's; a request that
cannot be done at all (too many ids, a rejection without a reason) is 400 and
changes nothing.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples_messages as examples
from board.api import schema
from board.api.errors import conflict
from board.api.serializers_messages import (
    BulkMoveSerializer,
    BulkResultSerializer,
    MessageSerializer,
    bulk_result_data,
)
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, EMPLOYERS_ONLY_WRITE, NO_COMPANY
from board.applications import bulk, messaging
from board.applications.lookups import company_application_or_404
from board.jobs.models import InvalidTransition

NOT_OUR_APPLICATION = schema.not_found(schema.NO_APPLICATION, NO_COMPANY)


@extend_schema(
    tags=["employer"],
    summary="Move or reject several applications",
    description="Each is moved as `POST …/status/` would (its `allowed_moves`); the answer "
    "lists the moved, the refused (with why) and the ids not found in your company. "
    "A rejection needs a `reason`; `share_reason` shows it to the applicants. With a `body`, "
    "each applicant gets that message (placeholders filled) instead of the status e-mail.",
    request=BulkMoveSerializer,
    responses={
        200: schema.ok(BulkResultSerializer, examples.BULK_RESULT),
        400: schema.field_errors(examples.UNKNOWN_PLACEHOLDER),
        403: EMPLOYERS_ONLY_WRITE,
        404: schema.not_found(NO_COMPANY),
        **schema.SIGNED_IN,
    },
    examples=schema.body("Reject with a shared reason and a message", examples.BULK_REJECT),
)
class BulkMove(APIView):
    permission_classes = EMPLOYER

    def post(self, request):
        body = BulkMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            result = bulk.move_applications(request.user, data.pop("applications"), **data)
        except (bulk.BulkRefused, messaging.InvalidMessage) as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(bulk_result_data(result))


class ApplicationMessages(generics.ListCreateAPIView):
    serializer_class = MessageSerializer
    permission_classes = EMPLOYER
    pagination_class = None

    def get_queryset(self):
        application = company_application_or_404(self.request.user, self.kwargs["pk"])
        return application.messages.select_related("sender")

    @extend_schema(
        tags=["employer"],
        summary="Messages sent to an applicant",
        responses={
            200: schema.ok(MessageSerializer(many=True), examples.MESSAGE),
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_APPLICATION,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["employer"],
        summary="Send a message to an applicant",
        description="E-mailed to the applicant and shown in the application's timeline. "
        "Placeholders are filled in; an unknown one is a 400. 409 if the applicant withdrew.",
        request=MessageSerializer,
        examples=schema.body("Invite to interview", examples.NEW_MESSAGE),
        responses={
            201: schema.ok(MessageSerializer, examples.MESSAGE),
            400: schema.field_errors(examples.UNKNOWN_PLACEHOLDER),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_APPLICATION,
            409: schema.conflict(schema.error("Withdrawn", messaging.WITHDRAWN_REFUSAL)),
            **schema.SIGNED_IN,
        },
    )
    def post(self, request, *args, **kwargs):
        application = company_application_or_404(request.user, kwargs["pk"])
        body = MessageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            message = messaging.send_message(application, request.user, **body.validated_data)
        except InvalidTransition as refused:
            return conflict(refused)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
