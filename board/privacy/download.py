"""An export's ZIP as a download: the headers every personal file carries.

Who may download is the caller's check (exports.export_from_link); this only
serves the file safely, streamed from storage (or as a signed URL of the
bucket: board/core/stored_files.py).
"""

from django.http import Http404

from board.core.stored_files import private_download


def archive_response(export):
    """The ZIP as a private download: the headers every personal file carries."""
    try:
        return private_download(
            export.archive.storage,
            export.archive.name,
            filename=f"nexus-jobs-data-{export.created:%Y-%m-%d}.zip",
            content_type="application/zip",
        )
    except FileNotFoundError:
        raise Http404 from None
