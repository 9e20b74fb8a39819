"""Real and disguised résumé files for upload tests, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_bytes(pages=1, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(
            user_password=password, owner_password=password + "-owner", algorithm="RC4-128"
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(extra_parts=()):
    """The smallest zip Word itself would call a .docx: content types and a document part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p></w:body></w:document>",
        )
        for name in extra_parts:
            archive.writestr(name, b"x")
    return out.getvalue()


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def upload(data, name="cv.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def good_pdf(name="My CV (final).pdf"):
    return upload(pdf_bytes(), name=name)


def good_docx(name="cv.docx"):
    return upload(docx_bytes(), name=name, content_type=DOCX_TYPE)


# Files that claim to be a résumé and are not: name, what the browser says, bytes.
DISGUISED = {
    "html_named_pdf": ("cv.pdf", "application/pdf", b"<html><script>alert(1)</script></html>"),
    "text_named_pdf": ("cv.pdf", "application/pdf", b"Just some text, honest.\n"),
    "png_named_pdf": ("cv.pdf", "application/pdf", None),  # filled in by png_bytes()
    "oversize": ("cv.pdf", "application/pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 - 8)),
    "empty": ("cv.pdf", "application/pdf", b""),
    "docx_not_a_zip": ("cv.docx", DOCX_TYPE, b"PK\x03\x04 but not really a zip file at all"),
    "zip_not_a_docx": ("cv.docx", DOCX_TYPE, None),  # a zip without word/document.xml
    "pdf_header_only": ("cv.pdf", "application/pdf", b"%PDF-1.7\n%%EOF\n"),
    "docm_with_macros": ("cv.docx", DOCX_TYPE, None),
}


def disguised(kind):
    name, content_type, data = DISGUISED[kind]
    if kind == "png_named_pdf":
        data = png_bytes()
    elif kind == "zip_not_a_docx":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("notes.txt", "hello")
        data = out.getvalue()
    elif kind == "docm_with_macros":
        data = docx_bytes(extra_parts=["word/vbaProject.bin"])
    return upload(data, name=name, content_type=content_type)
