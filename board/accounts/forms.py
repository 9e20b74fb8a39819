from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from board.accounts.models import SeekerProfile, User
from board.resumes.forms import RESUME_ACCEPT, RESUME_HELP, validated_resume
from board.scanning.uploads import ScanStatus


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    role = forms.ChoiceField(
        label=_("I want to…"),
        choices=[(User.Role.SEEKER, _("find a job")), (User.Role.EMPLOYER, _("hire"))],
        widget=forms.RadioSelect,
        initial=User.Role.SEEKER,
    )

    def signup(self, request, user):
        user.role = self.cleaned_data["role"]
        user.save(update_fields=["role"])


class SeekerProfileForm(forms.ModelForm):
    remove_resume = forms.BooleanField(label=_("Remove my résumé"), required=False)

    class Meta:
        model = SeekerProfile
        fields = ["headline", "location", "resume", "website", "linkedin_url", "github_url"]
        labels = {
            "headline": _("Headline"),
            "location": _("Location"),
            "resume": _("Default résumé"),
            "website": _("Website"),
        }
        help_texts = {
            "headline": _("For example “Backend developer, 6 years of Python”."),
            "resume": format_lazy(
                "{} {}", RESUME_HELP, _("Offered when you apply; uploading replaces the old one.")
            ),
        }
        # A plain file input: Django's clearable one would print the file's
        # storage path as a link, and no URL serves stored résumés.
        widgets = {"resume": forms.FileInput(attrs={"accept": RESUME_ACCEPT})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.resume:
            del self.fields["remove_resume"]

    def clean_resume(self):
        resume = validated_resume(self, "resume")
        if isinstance(resume, UploadedFile):
            self.instance.resume_scan = resume.scan_status
        return resume

    def clean(self):
        cleaned = super().clean()
        new_upload = isinstance(cleaned.get("resume"), UploadedFile)
        if cleaned.get("remove_resume") and not new_upload:
            cleaned["resume"] = False  # FileField's "clear" value: the model field becomes empty
            self.instance.resume_scan = ScanStatus.UNSCANNED
        return cleaned
