"""Is this PDF a plain document? Checks for board/resumes/checks.py.

A résumé is opened by an employer, in a PDF reader or a browser. So besides being a PDF
that parses, it must hold nothing that runs or hides: no JavaScript, no action that runs
on opening or launches a program, no attached files or media, no XFA form, and nothing
else glued to it (a web page or a zip archive, which another program would open
instead: a "polyglot"). The PDF's object tree is walked with pypdf, so a name written
in an odd way (`/J#61vaScript`) is read as the reader would read it.
"""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

EXPORT_AGAIN = gettext_noop(
    "Export the document again as a plain PDF (“Save as PDF” or “Export as PDF”)."
)
# Objects walked at most: a five-page résumé has a few hundred, a long one with
# images a few thousand. More is a file built to make the check slow.
MAX_OBJECTS = 100_000
# After the last %%EOF, writers put a line break; a few pad with blanks.
TRAILING_MARGIN = 1024
# The start of an HTML document or script: what a browser sniffing the file would run.
HTML = re.compile(rb"<(?:!doctype\s+html|html|script|iframe)[\s>/]", re.I)
# A zip reader looks for its end record in the last 64 KB of a file.
ZIP_END = b"PK\x05\x06"
ZIP_TAIL = 65_535 + 22

JAVASCRIPT = "JavaScript"
AUTO_RUN = gettext_noop("an action that runs by itself when the document is opened or used")
LAUNCH = gettext_noop("an action that opens a program or another file")
FILES = gettext_noop("attached or embedded files")
MEDIA = gettext_noop("embedded media (video, sound, Flash or 3D)")
XFA = gettext_noop("an XFA form")
SENDS = "a form that sends or imports data"
# Dictionary keys that are active content wherever they appear.
ACTIVE_KEYS = {
    "/JavaScript": JAVASCRIPT,
    "/JS": JAVASCRIPT,
    "/AA": AUTO_RUN,  # additional actions: on opening a page, focusing a field...
    "/Launch": LAUNCH,
    "/EmbeddedFiles": FILES,
    "/EmbeddedFile": FILES,
    "/EF": FILES,  # a file specification carrying the file itself
    "/XFA": XFA,
}
# Action types (/S) that do more than move within the document or follow a link.
ACTIVE_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/GoToE": FILES,
    "/GoToR": LAUNCH,
    "/ImportData": SENDS,
    "/SubmitForm": SENDS,
    "/RichMediaExecute": MEDIA,
    "/Rendition": MEDIA,
    "/Movie": MEDIA,
    "/Sound": MEDIA,
}
ACTIVE_SUBTYPES = {
    "/FileAttachment": FILES,
    "/RichMedia": MEDIA,
    "/Screen": MEDIA,
    "/Movie": MEDIA,
    "/Sound": MEDIA,
    "/3D": MEDIA,
}


def _again(problem):
    """The problem (translated), then what to do about it."""
    return f"{problem} {gettext(EXPORT_AGAIN)}"


def check_pdf(data):
    """Raise ValidationError unless `data` (starting with %PDF-) is a plain PDF."""
    _check_nothing_glued_on(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                gettext("The PDF is password-protected: upload a copy without a password."),
                code="encrypted",
            )
        pages = len(reader.pages)
        found = _active_content(reader)
    except ValidationError:
        raise
    except Exception as exc:
        # A parser fed hostile input can fail in many ways (pypdf's own errors,
        # ValueError, KeyError, RecursionError...). Any of them means the file is
        # not a PDF we are willing to hand to an employer.
        raise ValidationError(
            gettext("That file is not a PDF we can read."), code="invalid_pdf"
        ) from exc
    if pages < 1:
        raise ValidationError(gettext("The PDF has no pages."), code="invalid_pdf")
    if found:
        raise ValidationError(
            _again(
                gettext("The PDF contains %(found)s, which a résumé must not.")
                % {"found": gettext(found)}
            ),
            code="active_content",
        )


def _check_nothing_glued_on(data):
    if ZIP_END in data[-ZIP_TAIL:] and b"PK\x01\x02" in data:
        raise ValidationError(
            _again(gettext("The file is a PDF and a zip archive at once.")), code="polyglot"
        )
    if HTML.search(data):
        raise ValidationError(
            _again(gettext("The file is a PDF with a web page inside it.")), code="polyglot"
        )
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise ValidationError(
            _again(gettext("The PDF is incomplete (it has no end).")), code="invalid_pdf"
        )
    rest = data[end + len(b"%%EOF") :]
    if len(rest) > TRAILING_MARGIN or rest.strip(b" \t\r\n\f\x00"):
        raise ValidationError(
            _again(gettext("The file has other data after the end of the PDF.")),
            code="trailing_data",
        )


def _active_content(reader):
    """What active content the document holds (words for the applicant), or None.

    Walks every object reachable from the trailer (catalog, pages, annotations, forms,
    name trees...), each indirect object once, without recursion.
    """
    stack, seen, walked = [reader.trailer], set(), 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        walked += 1
        if walked > MAX_OBJECTS:
            raise ValidationError(
                _again(gettext("The PDF is too complex for us to check.")), code="too_complex"
            )
        if isinstance(item, DictionaryObject):  # streams too: their dictionary
            found = _active_in(item)
            if found:
                return found
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _active_in(dictionary):
    for key in dictionary:
        if key in ACTIVE_KEYS:
            return ACTIVE_KEYS[key]
        if key.startswith("/RichMedia"):
            return MEDIA
    action = _name(dictionary, "/S")
    if action in ACTIVE_ACTIONS:
        return ACTIVE_ACTIONS[action]
    subtype = _name(dictionary, "/Subtype")
    if subtype in ACTIVE_SUBTYPES:
        return ACTIVE_SUBTYPES[subtype]
    if "/OpenAction" in dictionary and not _only_goes_to_a_page(dictionary["/OpenAction"]):
        return AUTO_RUN
    return None


def _only_goes_to_a_page(open_action):
    """LibreOffice and others open the document at page 1 with an /OpenAction: a
    destination (an array) or a plain GoTo. Anything else runs on opening (a URI...)."""
    open_action = open_action.get_object()
    if isinstance(open_action, ArrayObject):
        return True
    return (
        isinstance(open_action, DictionaryObject)
        and _name(open_action, "/S") == "/GoTo"
        and "/Next" not in open_action
    )


def _name(dictionary, key):
    value = dictionary.get(key)
    value = value.get_object() if value is not None else None
    return value if isinstance(value, NameObject) else None
