"""A stored résumé as a download: the headers every résumé response carries.

Who may download is the caller's check (board/applications/resume_links.py for
an application's résumé); this only serves the file safely.
"""

from django.http import FileResponse, Http404

from board.resumes.checks import CONTENT_TYPES, kind_of_stored


def resume_response(stored, filename_stem):
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
