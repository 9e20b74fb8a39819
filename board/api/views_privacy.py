"""Export my data through REST: ask for an export, see its status, download it.

The site's domain functions (board/privacy/exports.py): one export in
preparation at a time and one an hour, refused with the site's words (409); the
download link is signed for one account and works only with that account's token.
"""

import logging

from django.http import Http404, JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import schema
from board.api.errors import conflict
from board.api.serializers_privacy import PENDING, READY, DataExportSerializer
from board.privacy import exports
from board.privacy.download import archive_response
from board.privacy.models import DataExport

logger = logging.getLogger(__name__)

REFUSED = schema.conflict(
    schema.error("Already being prepared", exports.ALREADY_PENDING),
    schema.error(
        "Asked less than an hour ago",
        "You asked for an export less than an hour ago. You can ask for a new one in 42 minutes.",
    ),
    description="An export is being prepared, or the last one was asked for less than an hour ago.",
)


class DataExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["me"],
        summary="Your data exports",
        description="Your exports whose link still works (or that are being prepared), "
        "newest first: empty when there is none. Ready ones carry `download_url`.",
        responses={200: schema.ok(DataExportSerializer(many=True), READY), **schema.SIGNED_IN},
    )
    def get(self, request):
        found = DataExport.objects.live().filter(user=request.user)
        return Response(DataExportSerializer(found, many=True).data)

    @extend_schema(
        tags=["me"],
        summary="Export your data",
        description="Ask for a ZIP of everything we hold about you (data.json, README.txt, "
        "your files). It is prepared in the background: poll GET, or wait for the e-mail.",
        request=None,
        responses={
            202: schema.ok(DataExportSerializer, PENDING),
            403: schema.CSRF_FAILED,
            409: REFUSED,
            **schema.SIGNED_IN,
        },
    )
    def post(self, request):
        try:
            export = exports.request_export(request.user)
        except exports.ExportRefused as refused:
            return conflict(refused)
        return Response(DataExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class DataExportDownload(APIView):
    """The ZIP by its signed link, for the account it was made for (bearer token)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(exclude=True)  # a file, not JSON: described on GET /me/data-export/
    def get(self, request, token):
        try:
            export = exports.export_from_link(token, request.user)
        except exports.LinkExpired:
            return JsonResponse(
                {"detail": "This download link has expired: ask for a new export."}, status=410
            )
        if export is None:
            raise Http404
        logger.info("data export %s downloaded through the API", export.pk)
        return archive_response(export)
