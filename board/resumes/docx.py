"""Is this .docx a plain Word document? Checks for board/resumes/checks.py.

A .docx is a zip "package" of parts, each with a content type declared in
[Content_Types].xml, linked by relationship (.rels) parts. Word decides what a part is
from those declarations, not from its name, so that is what is checked: a macro
project stored as `word/foo.bin` or `word/VBAPROJECT.BIN` is still declared as one.
Refused: macros, ActiveX controls, a macro-enabled main document (a .docm renamed),
embedded objects and files, content loaded from elsewhere (a remote template, the
trick of "template injection", or a linked object), and zip bombs.

Sizes: the uncompressed sizes the zip declares must add up to at most
MAX_UNZIPPED_BYTES, and every part is then really decompressed, in bounded chunks,
and must have the size and checksum it declares (headers can lie).
"""

import copy
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 1000
CHUNK = 1024 * 1024

SAVE_AGAIN = gettext_noop("Save it again as a plain Word document (.docx), or export it as a PDF.")
# The same words as board/resumes/checks.py (which imports this module).
WRONG_TYPE = gettext_noop("Upload your résumé as a PDF or a Word (.docx) document.")
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Content types (lower case) of macros and of what runs with them.
MACRO_TYPES = {
    "application/vnd.ms-office.vbaproject",
    "application/vnd.ms-office.vbaprojectsignature",
    "application/vnd.ms-office.vbaprojectsignatureagile",
    "application/vnd.ms-office.vbaprojectsignaturev3",
    "application/vnd.ms-word.vbadata+xml",
    "application/vnd.ms-office.activex+xml",
    "application/vnd.ms-office.activex",
    "application/vnd.ms-word.keymapcustomizations+xml",
    "application/vnd.ms-word.attachedtoolbars",
}
EMBEDDED_TYPES = {
    "application/vnd.openxmlformats-officedocument.oleobject",
    "application/vnd.ms-office.oleobject",
}
MACRO_NAMES = {"vbaproject.bin", "vbadata.xml"}
# Relationship types (their last segment, lower case).
MACRO_RELATIONSHIPS = {
    "vbaproject",
    "wordvbadata",
    "activexcontrol",
    "activexcontrolbinary",
    "keymapcustomizations",
    "attachedtoolbars",
}
EMBEDDED_RELATIONSHIPS = {"oleobject", "package", "afchunk"}
# A template on this computer (file:///C:/..., C:\...), not on a server.
LOCAL_FILE = re.compile(r"^(?:file:///(?![/\\])|[a-z]:[\\/])", re.I)

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_docx(file):
    """Raise ValidationError unless the zip in `file` is a plain .docx."""
    try:
        with zipfile.ZipFile(file) as archive:
            names, xml_parts = _unzip(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ValidationError(gettext(WRONG_TYPE), code="format") from exc
    if "[content_types].xml" not in xml_parts or "_rels/.rels" not in xml_parts:
        # Some other zip: an .odt, a plain archive.
        raise ValidationError(gettext(WRONG_TYPE), code="format")
    types = _content_types(xml_parts["[content_types].xml"])
    for name in names:
        if name.rsplit("/", 1)[-1] in MACRO_NAMES:
            raise _macros()
    declared = {*types.values()}
    if declared & MACRO_TYPES or any("macroenabled" in ct for ct in declared):
        raise _macros()
    if declared & EMBEDDED_TYPES or any(name.startswith("word/embeddings/") for name in names):
        raise _embedded()
    for name, data in xml_parts.items():
        if name.endswith(".rels"):
            _check_relationships(data)
    main = _main_document(xml_parts["_rels/.rels"])
    if main not in names or _type_of(main, types) != MAIN_TYPE:
        raise ValidationError(gettext(WRONG_TYPE), code="format")


def _unzip(archive):
    """(the part names, {name: bytes} of the XML parts the checks read), lower case;
    every part is decompressed, within the limits."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _damaged()
    names = [info.filename.lower() for info in infos]
    if len(set(names)) != len(names):
        raise _damaged()  # two parts of one name: which one would Word read?
    if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
        raise _too_large()
    kept = {}
    budget = MAX_UNZIPPED_BYTES
    for info, name in zip(infos, names, strict=True):
        keep = name == "[content_types].xml" or name.endswith(".rels")
        data, size = _inflate(archive, info, budget, keep)
        budget -= size
        if keep:
            kept[name] = data
    return set(names), kept


def _inflate(archive, info, budget, keep):
    """(the part's bytes if `keep`, its size), decompressed at most CHUNK at a time."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
        raise _damaged()  # Word writes stored or deflated parts, never encrypted ones
    # The part's compressed bytes, as zipfile reads a stored part; inflated below so
    # that no declared size is trusted.
    raw = copy.copy(info)
    raw.compress_type, raw.file_size, raw.CRC = zipfile.ZIP_STORED, info.compress_size, None
    with archive.open(raw) as part:
        pending = part.read()
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type else None
    size, crc, chunks = 0, 0, []
    while True:
        if inflater:
            chunk = inflater.decompress(pending, CHUNK)
            pending = inflater.unconsumed_tail
        else:
            chunk, pending = pending[:CHUNK], pending[CHUNK:]
        if not chunk:
            break
        size += len(chunk)
        if size > budget:
            raise _too_large()
        if size > info.file_size:
            raise _damaged()  # more than it declares: the headers lie
        crc = zlib.crc32(chunk, crc)
        if keep:
            chunks.append(chunk)
    if (inflater and not inflater.eof) or size != info.file_size or crc != info.CRC:
        raise _damaged()
    return b"".join(chunks), size


def _parse(data):
    # OOXML never uses a DTD; refusing one rules out entity tricks before parsing.
    if b"<!DOCTYPE" in data.upper():
        raise _damaged()
    try:
        return ET.fromstring(data)  # noqa: S314 -- no DTD (above); expat limits expansion
    except ET.ParseError as exc:
        raise _damaged() from exc


def _content_types(data):
    """{part name or extension: content type}, lower case (both are case-insensitive)."""
    types = {}
    for element in _parse(data):
        if element.tag == f"{CT}Default":
            types["." + element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif element.tag == f"{CT}Override":
            types[element.get("PartName", "").lower().lstrip("/")] = element.get("ContentType", "")
    return {key: value.lower().strip() for key, value in types.items()}


def _type_of(name, types):
    return types.get(name) or types.get("." + name.rsplit(".", 1)[-1], "")


def _check_relationships(data):
    for relationship in _parse(data).iter(f"{RELS}Relationship"):
        kind = relationship.get("Type", "").rsplit("/", 1)[-1].lower()
        if kind in MACRO_RELATIONSHIPS:
            raise _macros()
        if kind in EMBEDDED_RELATIONSHIPS:
            raise _embedded()
        if relationship.get("TargetMode", "").lower() != "external" or kind == "hyperlink":
            continue
        # A template on the author's own computer is common (a document made from a
        # template); one on a server is fetched, macros and all, when Word opens it.
        if kind == "attachedtemplate" and LOCAL_FILE.match(relationship.get("Target", "")):
            continue
        raise ValidationError(
            gettext(
                "The document loads content from the internet or another computer (a linked "
                "template, picture or object)."
            )
            + " "
            + gettext(SAVE_AGAIN),
            code="external_content",
        )


def _main_document(data):
    """The name of the main document part, from the package's relationships."""
    for relationship in _parse(data).iter(f"{RELS}Relationship"):
        if relationship.get("Type", "").endswith("/officeDocument"):
            return relationship.get("Target", "").lstrip("/").lower()
    return None


def _macros():
    return ValidationError(
        gettext(
            "Documents with macros are not accepted, nor ActiveX controls. "
            "Save it as a plain Word document (.docx), or export it as a PDF."
        ),
        code="macros",
    )


def _embedded():
    return ValidationError(
        gettext(
            "The document contains embedded files or objects. Remove them, or export the "
            "document as a PDF."
        ),
        code="embedded",
    )


def _too_large():
    return ValidationError(
        gettext(
            "The document unpacks to more than %(megabytes)s MB, far more than a résumé "
            "needs. Save it again with smaller pictures, or export it as a PDF."
        )
        % {"megabytes": MAX_UNZIPPED_BYTES // (1024 * 1024)},
        code="unzipped_too_large",
    )


def _damaged():
    damaged = gettext("The document is damaged or unusual.")
    return ValidationError(f"{damaged} {gettext(SAVE_AGAIN)}", code="damaged")
