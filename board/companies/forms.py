from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from board.companies.logos import reencode_logo
from board.companies.models import Company


class CompanyForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Company
        fields = ["name", "logo", "website", "about", "headquarters", "size"]
        labels = {
            "name": _("Name"),
            "logo": _("Logo"),
            "website": _("Website"),
            "about": _("About the company"),
            "headquarters": _("Headquarters"),
            "size": _("Company size"),
        }
        # Not Django's ImageField, which opens the upload with Pillow before any
        # clean_ method runs: the virus scan must come first (reencode_logo).
        field_classes = {"logo": forms.FileField}
        help_texts = {
            "logo": _("PNG, JPEG or WebP, up to 2 MB. It is resized and cleaned of metadata."),
            "about": _("Shown on your company page. Plain text."),
        }
        # A plain file input: the clearable one would link to the stored
        # file's path, and no URL serves the media folder.
        widgets = {
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "about": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo:
            del self.fields["remove_logo"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            # Never store what was uploaded: a fresh WebP with a random name.
            logo = reencode_logo(logo)
            self.instance.logo_scan = logo.scan_status
        return logo

    def clean(self):
        cleaned = super().clean()
        new_upload = "logo" in self.changed_data and cleaned.get("logo")
        if cleaned.get("remove_logo") and not new_upload:
            cleaned["logo"] = False  # FileField's "clear" value: the model field becomes empty
        return cleaned


class InvitationForm(forms.Form):
    """The address to invite; who may be invited is board.companies.team.invite's rule."""

    email = forms.EmailField(label=_("E-mail address of the person to invite"))
