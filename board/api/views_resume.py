"""Résumé downloads by signed link: what `resume_url` in the API's applications points to.

No session and no bearer token: the link itself is the permission, made for one
reader and checked again against the site's rule when followed
(board/applications/resume_links.py). Forged, altered, or no longer allowed:
404, like a missing résumé; genuine but expired: 410, so a client knows to ask
for a fresh link.
"""

import logging

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from board.applications.resume_links import LinkExpired, application_from_link
from board.resumes.download import resume_response

logger = logging.getLogger(__name__)


@require_safe
def resume_download(request, token):
    try:
        application = application_from_link(token)
    except LinkExpired:
        return JsonResponse(
            {"detail": "This résumé link has expired: list the application again for a new one."},
            status=410,
        )
    if application is None or not application.resume:
        return JsonResponse({"detail": "Not found."}, status=404)  # DRF's own 404 body
    logger.info("résumé of application %s downloaded by link", application.pk)
    return resume_response(
        application.resume, f"resume-{application.pk}", scan_status=application.resume_scan
    )
