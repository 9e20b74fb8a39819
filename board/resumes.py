"""Résumé uploads: accepted as PDF or Word (.docx), judged by what the file
contains, never by its name or the browser's content type.

A file that merely claims to be a PDF (an HTML page or a script renamed
`cv.pdf`) would be stored and later opened by an employer, so every upload is
parsed before anything is written to disk.
"""

import zipfile

from django.core.exceptions import ValidationError
from pypdf import PasswordType, PdfReader

MAX_RESUME_BYTES = 5 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

WRONG_TYPE = "Upload your résumé as a PDF or a Word (.docx) document."


def resume_kind(uploaded):
    """Validate an uploaded résumé and return its kind, PDF or DOCX.

    Raises ValidationError with a message for the person uploading.
    """
    if not uploaded.size:
        raise ValidationError("The file is empty.", code="empty")
    if uploaded.size > MAX_RESUME_BYTES:
        raise ValidationError("The résumé must be 5 MB or smaller.", code="too_large")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            _check_pdf(uploaded)
            return PDF
        if head.startswith(b"PK\x03\x04"):
            _check_docx(uploaded)
            return DOCX
    finally:
        uploaded.seek(0)
    raise ValidationError(WRONG_TYPE, code="format")


def kind_of_stored(name):
    """The kind of a stored résumé: its name was made from the validated kind."""
    return DOCX if name.lower().endswith(".docx") else PDF


def _check_pdf(uploaded):
    try:
        reader = PdfReader(uploaded)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                "The PDF is password-protected: upload a copy without a password.",
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as exc:
        # A parser fed hostile input can fail in many ways (pypdf's own errors,
        # ValueError, KeyError, RecursionError...). Any of them means the file is
        # not a PDF we are willing to hand to an employer.
        raise ValidationError("That file is not a PDF we can read.", code="invalid_pdf") from exc
    if pages < 1:
        raise ValidationError("The PDF has no pages.", code="invalid_pdf")


def _check_docx(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ValidationError(WRONG_TYPE, code="format") from exc
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        # Some other zip: an .xlsx, an .odt, a plain archive.
        raise ValidationError(WRONG_TYPE, code="format")
    if "word/vbaProject.bin" in names:
        raise ValidationError(
            "Documents with macros are not accepted: save it as a plain .docx or a PDF.",
            code="macros",
        )
