"""The account's "Your data" page: ask for an export of everything we hold, and
download it by the signed link (board/privacy/exports.py)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from board.privacy import exports
from board.privacy.download import archive_response

logger = logging.getLogger(__name__)


@require_safe
@never_cache
@login_required
def account_data(request):
    export = exports.latest_export(request.user)
    link = exports.download_link(export) if export is not None and export.is_ready else None
    context = {"export": export, "link": link, "hours": settings.DATA_EXPORT_LINK_HOURS}
    return TemplateResponse(request, "account/data.html", context)


@require_POST
@never_cache
@login_required
def request_data_export(request):
    try:
        exports.request_export(request.user)
    except exports.ExportRefused as refused:
        messages.warning(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "We are preparing your export. You will get an e-mail with the download link "
                "when it is ready, and the link will be on this page."
            ),
        )
    return redirect("account_data")


@require_safe
@never_cache
@login_required
def download_data_export(request, token):
    try:
        export = exports.export_from_link(token, request.user)
    except exports.LinkExpired:
        messages.warning(
            request, _("That download link has expired. You can ask for a new export.")
        )
        return redirect("account_data")
    if export is None:
        raise Http404("No such export.")
    logger.info("data export %s downloaded", export.pk)
    return archive_response(export)
