from django import forms
from django.core.files.uploadedfile import UploadedFile

from board.models import Application, SeekerProfile
from board.resumes import CONTENT_TYPES, resume_kind

RESUME_HELP = "PDF or Word (.docx), up to 5 MB."
RESUME_ACCEPT = ",".join([".pdf", ".docx", *CONTENT_TYPES.values()])


def _validated_resume(form, name):
    """The uploaded résumé of field `name`, checked by content and renamed after its kind.

    The browser's file name is dropped here: the stored name is made from the
    kind we found (see resume_path), never from what the uploader called it.
    """
    uploaded = form.cleaned_data.get(name)
    if not isinstance(uploaded, UploadedFile):
        return uploaded
    if len(form.files.getlist(form.add_prefix(name))) > 1:
        raise forms.ValidationError("Upload one file only.", code="multiple")
    uploaded.name = f"resume.{resume_kind(uploaded)}"
    return uploaded


class ApplicationForm(forms.ModelForm):
    PROFILE, UPLOAD = "profile", "upload"

    resume_source = forms.ChoiceField(
        label="Résumé",
        choices=[(PROFILE, "Use the résumé on my profile"), (UPLOAD, "Upload a file")],
        widget=forms.RadioSelect,
        initial=PROFILE,
    )
    resume = forms.FileField(
        label="Résumé file",
        required=False,
        help_text=RESUME_HELP,
        widget=forms.FileInput(attrs={"accept": RESUME_ACCEPT}),
    )

    class Meta:
        model = Application
        fields = ["cover_letter"]
        widgets = {"cover_letter": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"cover_letter": "Optional. Up to 5,000 characters."}

    def __init__(self, *args, profile_resume=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The profile's stored résumé (a FieldFile), if the seeker has one.
        self.profile_resume = profile_resume or None
        if self.profile_resume is None:
            del self.fields["resume_source"]
            self.fields["resume"].label = "Résumé"
            # Browser-side only; clean() is what enforces it.
            self.fields["resume"].widget.attrs["required"] = True
        self.order_fields(["resume_source", "resume", "cover_letter"])

    @property
    def uses_profile_resume(self):
        return (
            self.profile_resume is not None
            and self.cleaned_data.get("resume_source") == self.PROFILE
        )

    def clean_resume(self):
        return _validated_resume(self, "resume")

    def clean(self):
        cleaned = super().clean()
        if "resume" in self.errors or "resume_source" in self.errors:
            return cleaned
        if self.uses_profile_resume:
            if not self.profile_resume.storage.exists(self.profile_resume.name):
                self.add_error("resume_source", "Your profile's résumé is missing: upload a file.")
        elif not cleaned.get("resume"):
            self.add_error("resume", "Attach your résumé.")
        return cleaned


class SeekerProfileForm(forms.ModelForm):
    remove_resume = forms.BooleanField(label="Remove my résumé", required=False)

    class Meta:
        model = SeekerProfile
        fields = ["headline", "location", "resume", "website", "linkedin_url", "github_url"]
        labels = {"resume": "Default résumé"}
        help_texts = {
            "headline": "For example “Backend developer, 6 years of Python”.",
            "resume": RESUME_HELP + " Offered when you apply; uploading replaces the old one.",
        }
        # A plain file input: Django's clearable one would print the file's
        # storage path as a link, and no URL serves stored résumés.
        widgets = {"resume": forms.FileInput(attrs={"accept": RESUME_ACCEPT})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.resume:
            del self.fields["remove_resume"]

    def clean_resume(self):
        return _validated_resume(self, "resume")

    def clean(self):
        cleaned = super().clean()
        new_upload = isinstance(cleaned.get("resume"), UploadedFile)
        if cleaned.get("remove_resume") and not new_upload:
            cleaned["resume"] = False  # FileField's "clear" value: the model field becomes empty
        return cleaned
