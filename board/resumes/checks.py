"""Résumé uploads: accepted as PDF or Word (.docx), judged by what the file
contains, never by its name or the browser's content type.

A file that merely claims to be a PDF (an HTML page or a script renamed
`cv.pdf`) would be stored and later opened by an employer, so every upload is
parsed before anything is written to disk.
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

from board.resumes.docx import check_docx
from board.resumes.pdf import EXPORT_AGAIN, check_pdf

MAX_RESUME_BYTES = 5 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

WRONG_TYPE = gettext_noop("Upload your résumé as a PDF or a Word (.docx) document.")


def check_size(uploaded):
    if not uploaded.size:
        raise ValidationError(gettext("The file is empty."), code="empty")
    if uploaded.size > MAX_RESUME_BYTES:
        raise ValidationError(gettext("The résumé must be 5 MB or smaller."), code="too_large")


def resume_kind(uploaded):
    """Validate an uploaded résumé and return its kind, PDF or DOCX.

    Raises ValidationError with a message for the person uploading: what is wrong
    and what to do (board/resumes/pdf.py and board/resumes/docx.py say what is refused).
    """
    check_size(uploaded)
    uploaded.seek(0)
    data = uploaded.read(MAX_RESUME_BYTES + 1)
    uploaded.seek(0)
    if data.startswith(b"%PDF-"):
        check_pdf(data)
        return PDF
    if data.startswith(b"PK\x03\x04"):
        check_docx(io.BytesIO(data))
        return DOCX
    if b"%PDF-" in data[:1024]:
        # PDF readers skip what comes first; a browser or another program may not.
        raise ValidationError(
            f"{gettext('The file has other data before the start of the PDF.')} "
            f"{gettext(EXPORT_AGAIN)}",
            code="leading_data",
        )
    raise ValidationError(gettext(WRONG_TYPE), code="format")


def kind_of_stored(name):
    """The kind of a stored résumé: its name was made from the validated kind."""
    return DOCX if name.lower().endswith(".docx") else PDF
