"""Uploaded files (résumés, logos, data exports) through Django's storage API only.

They live on the local disk (MEDIA_ROOT, the default) or, with S3_BUCKET set, in
an S3-compatible bucket (site_config/settings.py): code never assumes a path on
disk. What the storage API does not say well is here, once:

- reading a stored file in chunks (`open_stream`): django-storages' S3File
  downloads the whole object into a temporary file (in memory unless
  AWS_S3_MAX_MEMORY_SIZE) on its first read; the body of a GET is read from the
  socket as it is asked for instead, so a 5 MB résumé or a 1 GB export costs a
  chunk of memory while it is streamed to a browser, zipped or virus-scanned;
- a private download with the headers every personal file carries
  (`private_download`), or with S3_SIGNED_URLS a redirect to a short-lived
  signed URL of the bucket, which carries the name and type as overrides;
- deleting files once the rows that pointed to them are committed
  (`delete_after_commit`), so a rollback never leaves a row without its file;
- the opposite gap: an upload is stored before its row commits, so a crash or a
  rollback in between leaves a file no row points to. `sweep_orphans` deletes
  those once they are old enough that no upload can still be in flight.
"""

import itertools
import logging
from datetime import timedelta
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.http import FileResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

# Folders of uploads saved before the row that names them (résumés: applications and
# profiles; logos: companies). Data exports are left out: their ZIPs expire with their rows.
ORPHAN_FOLDERS = ("resumes", "logos")
# An upload's file and its row are written within one request: a day is far beyond any
# upload still in flight, and an orphan costs nothing much for that long.
ORPHAN_GRACE = timedelta(hours=24)
NAMES_PER_QUERY = 500

CHUNK = 256 * 1024  # what a download, a ZIP or a scan reads at a time
# Every personal file served (résumés, data exports): never rendered, never cached.
PRIVATE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store, private",
    # Should a browser render it anyway: no scripts, no origin, nothing loaded.
    # Set here, the site-wide policy is not added (see ContentSecurityPolicyMiddleware).
    "Content-Security-Policy": "sandbox; default-src 'none'",
}


def in_object_store(storage):
    """Whether `storage` is an S3 bucket (django-storages' S3Storage), not a disk."""
    return hasattr(storage, "bucket_name") and hasattr(storage, "connection")


def open_stream(storage, name):
    """(readable, size) of a stored file, read in chunks as asked; close it after.

    Raises FileNotFoundError when the file is gone, on the disk as in a bucket.
    """
    handle = storage.open(name, "rb")  # a bucket answers HEAD here: 404 is FileNotFoundError
    s3_object = getattr(handle, "obj", None)  # django-storages' S3File keeps its object
    if s3_object is None:
        return handle, handle.size
    from botocore.exceptions import ClientError  # only there with S3 storage in use

    try:
        body = s3_object.get()["Body"]  # botocore's StreamingBody: the socket, unread
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            raise FileNotFoundError(name) from None  # deleted between HEAD and GET
        raise
    return body, s3_object.content_length


def chunks_of(storage, name, size=CHUNK):
    """The bytes of a stored file, `size` at a time (FileNotFoundError if gone)."""
    readable, _ = open_stream(storage, name)
    try:
        while chunk := readable.read(size):
            yield chunk
    finally:
        readable.close()


def private_download(storage, name, *, filename, content_type):
    """A stored personal file as an attachment, after the caller's permission check.

    Streamed through us by default, with PRIVATE_HEADERS. With S3_SIGNED_URLS and
    a bucket: a redirect to a signed URL valid S3_SIGNED_URL_SECONDS, whose
    response-content-disposition and -type make the store answer an attachment
    of the right type; the other headers are then the store's, not ours
    (the trade-off is documented with the setting). Raises FileNotFoundError.
    """
    if settings.S3_SIGNED_URLS and in_object_store(storage):
        if not storage.exists(name):
            raise FileNotFoundError(name)
        url = storage.url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, filename),
                "ResponseContentType": content_type,
                "ResponseCacheControl": "no-store, private",
            },
            expire=settings.S3_SIGNED_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
        # The link itself is a secret for a minute: not kept, not sent on.
        response["Cache-Control"] = "no-store, private"
        response["Referrer-Policy"] = "no-referrer"
        return response
    readable, size = open_stream(storage, name)
    response = FileResponse(
        readable, as_attachment=True, filename=filename, content_type=content_type
    )
    response.block_size = CHUNK
    response["Content-Length"] = size
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def delete_after_commit(names, storage=None):
    """Delete these stored files once the current transaction commits (at once
    outside one). The rows no longer pointing to them are committed first; a
    rollback keeps rows and files together. A file that cannot be deleted is
    logged (never its name) and left: the rest still go."""
    names = [name for name in names if name]
    if names:
        storage = storage or default_storage
        transaction.on_commit(partial(_delete_all, storage, names), robust=True)


def _delete_all(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except Exception as error:  # OSError on a disk; botocore's errors from a bucket
            logger.warning("a stored file could not be deleted: %s", type(error).__name__)


def sweep_orphans(folders=ORPHAN_FOLDERS, *, grace=ORPHAN_GRACE, dry_run=False, now=None):
    """Delete the files in `folders` that no row points to and that are older than
    `grace`: {folder: number deleted (or, with dry_run, that would be)}.

    Every FileField of every model is asked, not a list of the fields we know of: a file
    some row still names is never deleted, whatever model the row is. A file's name is
    random and never given to a new row once stored (applying copies the profile's
    résumé), so an old file without a row will never have one.
    """
    now = now or timezone.now()
    return {
        folder: _sweep_folder(default_storage, folder, now - grace, dry_run) for folder in folders
    }


def _sweep_folder(storage, folder, cutoff, dry_run):
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:  # a disk where nothing was uploaded yet
        return 0
    names = [f"{folder}/{file}" for file in files]
    orphans = set(names) - _referenced(names)
    deleted = 0
    for name in sorted(orphans):
        try:
            if storage.get_modified_time(name) > cutoff:
                continue  # perhaps an upload whose row is not committed yet
            if not dry_run:
                storage.delete(name)
        except FileNotFoundError:
            continue  # deleted meanwhile (a row's delete_after_commit)
        deleted += 1
    if deleted:
        # Never the names: a count, as every other log line about stored files.
        logger.info(
            "%s orphan file(s) %s in %s/", deleted, "found" if dry_run else "deleted", folder
        )
    return deleted


def _referenced(names):
    """The names among `names` that some row of any model's FileField holds."""
    fields = [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    found = set()
    for batch in itertools.batched(names, NAMES_PER_QUERY, strict=False):
        for model, field in fields:
            # The base manager: a default manager that hides rows would hide references.
            rows = model._base_manager.filter(**{f"{field}__in": batch})
            found.update(rows.values_list(field, flat=True))
    return found
