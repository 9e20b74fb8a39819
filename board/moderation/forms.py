from django import forms
from django.utils.translation import gettext_lazy as _

from board.moderation.models import JobReport


class ReportForm(forms.ModelForm):
    # Declared here so that the radio buttons have no empty "---------" choice.
    reason = forms.ChoiceField(
        label=_("What is wrong with this listing?"),
        choices=JobReport.Reason.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = JobReport
        fields = ["reason", "details"]
        labels = {"details": _("Details")}
        help_texts = {"details": _("Optional. What should the moderators look at? Up to 2,000.")}
        widgets = {"details": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}
