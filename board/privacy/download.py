"""An export's ZIP as a download: the headers every personal file carries.

Who may download is the caller's check (exports.export_from_link); this only
serves the file safely, streamed from storage.
"""

from django.http import FileResponse, Http404


def archive_response(export):
    """The ZIP as a private download: the headers every personal file carries."""
    try:
        handle = export.archive.storage.open(export.archive.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"nexus-jobs-data-{export.created:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
