"""Files for the virus-scanning tests, built at run time.

The EICAR test file is the antivirus industry's harmless stand-in for a virus:
68 printable bytes every scanner reports. It is assembled from two halves here
so that this source file is not itself what a developer's antivirus finds and
quarantines (scanners match the whole string). CI's clamd knows it by its
hash and by its bytes anywhere in a file (.ci/clamav/test-signatures.*).
"""

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from board.tests.resume_files import pdf_bytes


def eicar():
    return (r"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()


def pdf_with_eicar():
    """A PDF that passes the résumé checks and carries the EICAR bytes in a page's
    content: what the quarantine must catch once the scanner is back."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    content = DecodedStreamObject()
    content.set_data(b"% " + eicar() + b"\n")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_of_size(size):
    """A clean PDF of about `size` bytes (a page stream of comment lines)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    content = DecodedStreamObject()
    line = b"% " + b"Experience, education and skills. " * 2 + b"\n"
    content.set_data(line * (size // len(line)))
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_pdf():
    return pdf_bytes()
