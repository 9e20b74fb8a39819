"""A stored résumé as a download: the headers every résumé response carries.

Who may download is the caller's check (board/applications/resume_links.py for
an application's résumé); this only serves the file safely.
"""

from django.http import FileResponse, Http404, HttpResponse

from board.resumes.checks import CONTENT_TYPES, kind_of_stored
from board.scanning.uploads import NOT_SERVED


def resume_response(stored, filename_stem, *, scan_status):
    if scan_status in NOT_SERVED:
        # In quarantine (or deleted from it): whoever may read it is told why, and
        # the file itself is not sent until the virus scan has found it clean.
        response = HttpResponse(
            NOT_SERVED[scan_status], status=409, content_type="text/plain; charset=utf-8"
        )
        response["Cache-Control"] = "no-store, private"
        return response
    if not stored:  # removed by the retention run or with the account
        raise Http404
    kind = kind_of_stored(stored.name)
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename_stem}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    # Should a browser render it anyway: no scripts, no origin, nothing loaded.
    # Set here, the site-wide policy is not added (see ContentSecurityPolicyMiddleware).
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
