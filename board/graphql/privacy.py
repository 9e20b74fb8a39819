"""Export my data in GraphQL: the `myDataExports` query and the `requestDataExport`
mutation. The site's domain function (board/privacy/exports.py) and the REST
API's answers (board/api/views_privacy.py): a refusal is BAD_USER_INPUT with the
site's words; `downloadUrl` is the REST download link, signed for this account.
"""

from datetime import datetime

import strawberry
import strawberry_django
from django.conf import settings
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.privacy import exports
from board.privacy.models import DataExport

from .errors import ClientError

DataExportStatus = strawberry.enum(DataExport.Status, name="DataExportStatus")


@strawberry_django.type(DataExport, name="DataExport")
class DataExportType:
    """A ZIP of everything we hold about you, prepared in the background."""

    id: strawberry.ID
    status: DataExportStatus
    created: datetime
    finished_at: datetime | None
    expires: datetime
    size: int | None

    @strawberry_django.field(
        only=["id", "user", "status", "expires"],
        description="While ready: the signed link to the ZIP, for this account's token "
        "or session only, until `expires`. Null otherwise.",
    )
    def download_url(self) -> str | None:
        if not self.is_ready:
            return None
        return settings.SITE_URL + exports.api_download_link(self)


def my_data_exports(info: Info) -> list[DataExportType] | None:
    """Your exports whose link still works (or being prepared), newest first."""
    return DataExport.objects.live().filter(user=info.context.request.user)


def request_data_export(info: Info) -> DataExportType:
    """Ask for an export; poll myDataExports or wait for the e-mail."""
    try:
        return exports.request_export(info.context.request.user)
    except exports.ExportRefused as refused:
        raise ClientError(str(refused)) from None


MY_DATA_EXPORTS = strawberry_django.field(
    resolver=my_data_exports,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Your data exports whose link still works, newest first "
    "(REST: GET /api/v1/me/data-export/).",
)
REQUEST_DATA_EXPORT = strawberry_django.mutation(
    resolver=request_data_export,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Ask for a ZIP of everything we hold about you: one at a time, one an hour "
    "(REST: POST /api/v1/me/data-export/).",
)
