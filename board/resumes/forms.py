from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from board.resumes.checks import CONTENT_TYPES, check_size, resume_kind
from board.scanning.uploads import checked

RESUME_HELP = _("PDF or Word (.docx), up to 5 MB.")


RESUME_ACCEPT = ",".join([".pdf", ".docx", *CONTENT_TYPES.values()])


def validated_resume(form, name):
    """The uploaded résumé of field `name`, checked by content and renamed after its kind.

    The browser's file name is dropped here: the stored name is made from the
    kind we found (see resume_path), never from what the uploader called it.
    The virus scan comes before the parse (board/scanning/uploads.py); its
    verdict travels with the file as `scan_status`, for the row that stores it.
    """
    uploaded = form.cleaned_data.get(name)
    if not isinstance(uploaded, UploadedFile):
        return uploaded
    if len(form.files.getlist(form.add_prefix(name))) > 1:
        raise forms.ValidationError(_("Upload one file only."), code="multiple")
    check_size(uploaded)  # nothing bigger is sent to the scanner either
    uploaded.scan_status = checked(uploaded)
    uploaded.name = f"resume.{resume_kind(uploaded)}"
    return uploaded
