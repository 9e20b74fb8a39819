"""A stored résumé as a download: the headers every résumé response carries.

Who may download is the caller's check (board/applications/resume_links.py for
an application's résumé); this only serves the file safely, streamed from the
disk or the bucket, or as a signed URL of the bucket (board/core/stored_files.py).
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext

from board.core.stored_files import private_download
from board.resumes.checks import CONTENT_TYPES, kind_of_stored
from board.scanning.uploads import NOT_SERVED


def resume_response(stored, filename_stem, *, scan_status):
    if scan_status in NOT_SERVED:
        # In quarantine (or deleted from it): whoever may read it is told why, and
        # the file itself is not sent until the virus scan has found it clean.
        response = HttpResponse(
            gettext(NOT_SERVED[scan_status]), status=409, content_type="text/plain; charset=utf-8"
        )
        response["Cache-Control"] = "no-store, private"
        return response
    if not stored:  # removed by the retention run or with the account
        raise Http404
    kind = kind_of_stored(stored.name)
    try:
        return private_download(
            stored.storage,
            stored.name,
            filename=f"{filename_stem}.{kind}",
            content_type=CONTENT_TYPES[kind],
        )
    except FileNotFoundError:
        raise Http404 from None
