"""The privacy package's e-mails (see board/notifications/outbox.py), each built
when it is sent: the "your data export is ready" e-mail, whose link is signed then
and works only for the signed-in owner until the export expires; and the notice
to an inactive account, which a sign-in since cancels.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy

from board.accounts.models import User
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later
from board.privacy.exports import download_link
from board.privacy.models import DataExport


@builder(Notification.Kind.DATA_EXPORT_READY)
def data_export_ready(export_id):
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or not export.is_ready or not export.user.is_active:
        return []  # deleted or expired meanwhile: a dead link helps nobody
    context = {
        "name": export.user.display_name,
        "link": later(download_link, export),
        "expires": export.expires,
    }
    return [
        email(
            "data_export_ready",
            to=export.user,
            subject=gettext_lazy("Your data export is ready"),
            context=context,
        )
    ]


@builder(Notification.Kind.INACTIVITY_NOTICE)
def inactivity_notice(user_id):
    user = User.objects.filter(pk=user_id, inactivity_notice_at__isnull=False).first()
    if user is None:
        return []
    last_seen = user.last_login or user.date_joined
    if last_seen > user.inactivity_notice_at:
        return []  # signed in since: cancelled
    deadline = user.inactivity_notice_at + timedelta(days=settings.RETENTION_NOTICE_DAYS)
    return [
        email(
            "inactivity_notice",
            to=user,
            subject=gettext_lazy("Your account will be deleted: sign in to keep it"),
            context={"last_seen": last_seen, "deadline": deadline},
        )
    ]
