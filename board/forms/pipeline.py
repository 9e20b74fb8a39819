"""Forms of the employer's applicant pipeline and of job reports."""

from django import forms

from board.models import Application, ApplicationNote, JobReport


class ApplicantFilterForm(forms.Form):
    """The applicants page's `?status=` filter; an unknown value shows everyone."""

    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Application.Status.choices], required=False
    )


class MoveForm(forms.Form):
    """The next status of one application, among the moves it allows now.

    `current` is the status the page showed: if it changed since (a colleague,
    or the applicant withdrawing), the move is refused rather than made on a
    stale view.
    """

    status = forms.ChoiceField(
        label="Move to", widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )
    current = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["status"].choices = [
            (status, Application.Status(status).label) for status in application.allowed_moves()
        ]
        self.fields["status"].error_messages["invalid_choice"] = (
            f"An application that is {application.get_status_display().lower()} "
            "cannot move to that status."
        )
        self.initial["current"] = application.status
        # Both the applicants list and the application page pre-select the next
        # step forward, not whichever allowed move happens to come first.
        self.initial["status"] = application.next_step()
        # One form per row: ids must stay unique on the page.
        self.auto_id = f"id_move_{application.pk}_%s"

    def clean(self):
        cleaned = super().clean()
        shown, status = cleaned.get("current"), self.application.status
        if shown and shown != status:
            raise forms.ValidationError(
                "Someone else changed this application a moment ago: it is now "
                f"{self.application.get_status_display().lower()}.",
                code="stale",
            )
        return cleaned


class NoteForm(forms.ModelForm):
    class Meta:
        model = ApplicationNote
        fields = ["body"]
        labels = {"body": "Add a private note"}
        help_texts = {"body": "Only your company's team sees notes. Up to 5,000 characters."}
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 5000})}


class ReportForm(forms.ModelForm):
    # Declared here so that the radio buttons have no empty "---------" choice.
    reason = forms.ChoiceField(
        label="What is wrong with this listing?",
        choices=JobReport.Reason.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = JobReport
        fields = ["reason", "details"]
        help_texts = {"details": "Optional. What should the moderators look at? Up to 2,000."}
        widgets = {"details": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}
