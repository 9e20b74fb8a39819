"""The data export as the REST API shows it, and its examples for the docs."""

from rest_framework import serializers

from board.api.serializers import absolute
from board.privacy import exports
from board.privacy.models import DataExport

DOWNLOAD_HELP = (
    "While the export is ready: a signed link to the ZIP, valid until `expires` and "
    "only with the same account's bearer token. Null otherwise."
)


class DataExportSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text=DOWNLOAD_HELP)

    class Meta:
        model = DataExport
        fields = ["id", "status", "created", "finished_at", "expires", "size", "download_url"]
        read_only_fields = fields

    def get_download_url(self, export) -> str | None:
        return absolute(exports.api_download_link(export)) if export.is_ready else None


PENDING = {
    "id": 7,
    "status": "pending",
    "created": "2026-12-06T17:00:00Z",
    "finished_at": None,
    "expires": "2026-12-09T17:00:00Z",
    "size": None,
    "download_url": None,
}
READY = {
    **PENDING,
    "status": "ready",
    "finished_at": "2026-12-06T17:00:04Z",
    "expires": "2026-12-09T17:00:04Z",
    "size": 48213,
    "download_url": "https://nexus.example/api/v1/me/data-export/download/WzcsMTJd:1vAbcD:x1y2z3/",
}
