"""Writing an export's ZIP: data.json, README.txt and the original files.

The archive is written to a temporary file on disk and handed to the storage
(the disk or the bucket) from there, and each résumé is streamed into it in
chunks: a large file is never held in memory, neither while zipping nor while
storing (S3 takes it as a multipart upload).
"""

import json
import shutil
import tempfile
import zipfile
from contextlib import closing

from django.core.files import File
from django.template.loader import render_to_string

from board.core.stored_files import open_stream

CHUNK = 1024 * 1024


def write_archive(export, data, files):
    """Build the ZIP for `export` and save it into export.archive (not the row)."""
    with tempfile.TemporaryFile(suffix=".zip") as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
            archive.writestr("README.txt", render_to_string("privacy/export_README.txt", data))
            missing = []
            for stored in files:
                if not _copy_into(archive, stored):
                    missing.append(stored.path)
            if missing:
                # A file gone from storage (removed by retention meanwhile): say so
                # rather than fail the whole export.
                archive.writestr("files/MISSING.txt", "\n".join(missing) + "\n")
        spool.seek(0)
        export.archive.save("export.zip", File(spool, name="export.zip"), save=False)
    return export.archive.size


def _copy_into(archive, stored):
    try:
        # Read as a stream from the disk or the bucket (django-storages' own
        # S3File would first download the whole object into memory).
        source, _ = open_stream(stored.field.storage, stored.field.name)
    except FileNotFoundError:
        return False
    with closing(source), archive.open(stored.path, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, CHUNK)
    return True
