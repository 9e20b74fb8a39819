"""Forms of messages to applicants, their templates and bulk actions."""

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.applications.bulk import TARGETS
from board.applications.message_models import MessageTemplate
from board.applications.messaging import template_choices
from board.applications.models import RejectionReason
from board.applications.placeholders import PLACEHOLDERS, placeholder_errors


def _placeholder_list():
    return ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())


# Lazy: the form classes are built once, their help is read in each page's language.
_placeholders = lazy(_placeholder_list, str)()
PLACEHOLDER_HELP = format_lazy(
    gettext_lazy("You can use {placeholders}."), placeholders=_placeholders
)
PLACEHOLDER_HELP_EACH = format_lazy(
    gettext_lazy("You can use {placeholders}, filled in for each applicant."),
    placeholders=_placeholders,
)


def _checked(text):
    errors = placeholder_errors(text)
    if errors:
        raise forms.ValidationError(errors)
    return text


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["kind", "name", "subject", "body"]
        labels = {
            "kind": gettext_lazy("Kind"),
            "name": gettext_lazy("Name"),
            "subject": gettext_lazy("Subject"),
            "body": gettext_lazy("Message"),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"subject": PLACEHOLDER_HELP, "body": PLACEHOLDER_HELP}

    def clean_subject(self):
        return _checked(self.cleaned_data["subject"])

    def clean_body(self):
        return _checked(self.cleaned_data["body"])


class MessageForm(forms.Form):
    """One message to one applicant (or to each of a bulk action's)."""

    subject = forms.CharField(
        label=gettext_lazy("Subject"), max_length=150, help_text=PLACEHOLDER_HELP
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=PLACEHOLDER_HELP_EACH,
    )

    def clean_subject(self):
        return _checked(self.cleaned_data["subject"])

    def clean_body(self):
        return _checked(self.cleaned_data["body"])


class TemplatePickForm(forms.Form):
    """Which template fills the message form: a GET, so it works without JavaScript."""

    template = forms.ChoiceField(label=gettext_lazy("Start from a template"), required=False)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", _("(none: write your own)"))] + [
            (key, f"{template.get_kind_display()}: {template.name}")
            for key, template in template_choices(company)
        ]


class IdListField(forms.Field):
    """Application ids from checkboxes or hidden inputs; anything not a number is an error."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            ids = [int(each) for each in value or []]
        except (TypeError, ValueError):
            ids = [0]
        # A primary key is a positive 64-bit number; anything else was not on our page.
        if not all(0 < pk < 2**63 for pk in ids):
            raise forms.ValidationError(_("The selection is not valid: reload the page."))
        return ids


# The statuses a bulk action may move to: every one a member can choose.
BULK_STATUSES = [(status, status.label) for status in TARGETS]


class BulkForm(forms.Form):
    """The applicants list's bulk action: which applications, and what to do."""

    applications = IdListField(required=False)
    # "All on this page" needs no JavaScript: the page lists its ids in page_ids.
    all_on_page = forms.BooleanField(
        required=False, label=gettext_lazy("All applicants on this page")
    )
    page_ids = IdListField(required=False)
    status = forms.ChoiceField(label=gettext_lazy("Move the selected to"), choices=BULK_STATUSES)
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason for the rejection"),
        required=False,
        choices=[("", gettext_lazy("Choose a reason")), *RejectionReason.choices],
    )
    reason_text = forms.CharField(
        label=gettext_lazy("More about the reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    share_reason = forms.BooleanField(
        label=gettext_lazy("Show the reason to the applicants"),
        required=False,
        help_text=gettext_lazy("Otherwise it stays in your records only."),
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150, required=False)
    body = forms.CharField(
        label=gettext_lazy("Message (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            gettext_lazy(
                "You can use {placeholders}, filled in for each applicant. "
                "Leave it empty to send the usual status e-mail."
            ),
            placeholders=_placeholders,
        ),
    )

    def clean_subject(self):
        return _checked(self.cleaned_data["subject"])

    def clean_body(self):
        return _checked(self.cleaned_data["body"])

    def clean(self):
        data = super().clean()
        if data.get("body") and not data.get("subject"):
            self.add_error("subject", _("Give the message a subject."))
        return data

    def ids(self):
        data = self.cleaned_data
        return data["page_ids"] if data.get("all_on_page") else data["applications"]
