"""Virus scanning of uploads: the one policy every upload path calls.

Résumés (site, REST, and the profile's résumé when GraphQL or the site applies
with it) and company logos are scanned by clamd (board/scanning/clamd.py)
before anything parses them: a file crafted against a PDF or image parser is
what a virus scanner knows about, and the parser should never see it.

Scanning is on when CLAMD_ADDRESS is set; the quick start runs without a
scanner and stores files as UNSCANNED. When clamd does not answer, the upload
is refused ("try again in a minute"), or, with CLAMD_UNAVAILABLE=quarantine,
accepted as QUARANTINED: stored but never served until the periodic scan
(board/quarantine/) finds it clean, or deletes it and tells its owner.
"""

import logging
from contextlib import closing
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from board.core.stored_files import open_stream
from board.scanning.clamd import ScannerUnavailable, instream

logger = logging.getLogger(__name__)

VIRUS_FOUND = gettext_noop("This file contains a virus (%(name)s) and was not accepted.")
# Marked only: the APIs answer it in English; forms get it translated (_checked).
SCANNER_DOWN = gettext_noop("Our virus scanner is not answering; please try again in a minute.")
# The ValidationError code of SCANNER_DOWN: the APIs answer it 503, not 400.
UNAVAILABLE_CODE = "scanner_unavailable"
QUARANTINE = "quarantine"
CHUNK = 256 * 1024


class ScanStatus(models.TextChoices):
    """What we know of a stored file (a field next to each FileField that holds uploads)."""

    UNSCANNED = "unscanned", _("Not scanned (scanning was off)")
    CLEAN = "clean", _("Scanned: no virus found")
    QUARANTINED = "quarantined", _("In quarantine: not served until scanned")
    INFECTED = "infected", _("Deleted: a virus was found in quarantine")


SERVABLE = (ScanStatus.UNSCANNED, ScanStatus.CLEAN)
NOT_SERVED = {
    ScanStatus.QUARANTINED: gettext_noop(
        "This file is waiting for its virus scan; please try again later."
    ),
    ScanStatus.INFECTED: gettext_noop("This file contained a virus and was deleted."),
}


def scan_status_field(verbose_name):
    """The status field kept next to a file field; set only by the code, never by a form."""
    return models.CharField(
        verbose_name,
        max_length=11,
        choices=ScanStatus,
        default=ScanStatus.UNSCANNED,
        editable=False,
    )


def quarantine_index(field, name):
    """A partial index of the rows waiting in quarantine: the periodic scan finds
    them without reading every row, and costs nothing while none wait."""
    return models.Index(
        fields=[field], condition=models.Q(**{field: ScanStatus.QUARANTINED}), name=name
    )


def scanning_enabled():
    return bool(settings.CLAMD_ADDRESS)


def scan(file):
    """The signature clamd finds in the file (an open File or UploadedFile), or None.

    Raises ScannerUnavailable when clamd does not answer within CLAMD_TIMEOUT.
    """
    return instream(_chunks(file), address=settings.CLAMD_ADDRESS, timeout=settings.CLAMD_TIMEOUT)


def scan_stored(storage, name):
    """The signature clamd finds in a stored file, or None: its bytes are streamed
    from the storage (disk or bucket) to clamd in chunks, no local path needed.

    Raises FileNotFoundError when the file is gone, ScannerUnavailable as scan().
    """
    readable, _ = open_stream(storage, name)  # before clamd: "gone" is not "clamd down"
    with closing(readable):
        chunks = iter(partial(readable.read, CHUNK), b"")
        return instream(chunks, address=settings.CLAMD_ADDRESS, timeout=settings.CLAMD_TIMEOUT)


def checked(file):
    """Scan an upload and return its ScanStatus, or refuse it with a ValidationError.

    Call before any parsing. A virus is refused with its name; a scanner that
    does not answer refuses the file too, unless CLAMD_UNAVAILABLE=quarantine.
    """
    return _checked(partial(scan, file))


def checked_stored(stored):
    """checked() for a file already in storage (a FieldFile): FileNotFoundError if gone."""
    return _checked(partial(scan_stored, stored.storage, stored.name))


def _checked(scanning):
    if not scanning_enabled():
        return ScanStatus.UNSCANNED
    try:
        found = scanning()
    except ScannerUnavailable as exc:
        # The address and the failure's kind only: never the file's name.
        logger.warning("virus scanner unavailable: %s", exc)
        if settings.CLAMD_UNAVAILABLE == QUARANTINE:
            return ScanStatus.QUARANTINED
        raise ValidationError(gettext(SCANNER_DOWN), code=UNAVAILABLE_CODE) from None
    if found:
        logger.warning("upload refused: virus %s found", found)
        raise ValidationError(gettext(VIRUS_FOUND) % {"name": found}, code="virus")
    return ScanStatus.CLEAN


def scanner_is_down(error_data):
    """Whether a form's errors (form.errors.get_json_data()) say the scanner is down."""
    return any(e["code"] == UNAVAILABLE_CODE for errors in error_data.values() for e in errors)


def _chunks(file):
    file.seek(0)
    try:
        while chunk := file.read(CHUNK):
            yield chunk
    finally:
        file.seek(0)
