from django import forms
from django.utils.translation import gettext_lazy

from board.applications.models import Application, ApplicationNote
from board.applications.screening import add_answer_fields, cleaned_answers
from board.resumes.forms import RESUME_ACCEPT, RESUME_HELP, validated_resume
from board.scanning.uploads import ScanStatus, checked_stored


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

    def __init__(self, *args, profile_resume=None, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The job's screening questions (board/jobs/screening.py), after the letter.
        self.questions = list(questions)
        add_answer_fields(self, self.questions)
        # The profile's stored résumé (a FieldFile), if the seeker has one.
        self.profile_resume = profile_resume or None
        if self.profile_resume is None:
            del self.fields["resume_source"]
            self.fields["resume"].label = "Résumé"
            # Browser-side only; clean() is what enforces it.
            self.fields["resume"].widget.attrs["required"] = True
        self.order_fields(["resume_source", "resume", "cover_letter"])

    @property
    def answers(self):
        """{question id: answer} of a valid form, for store_application."""
        return cleaned_answers(self, self.questions)

    @property
    def uses_profile_resume(self):
        return (
            self.profile_resume is not None
            and self.cleaned_data.get("resume_source") == self.PROFILE
        )

    def clean_resume(self):
        return validated_resume(self, "resume")

    def clean(self):
        cleaned = super().clean()
        if "resume" in self.errors or "resume_source" in self.errors:
            return cleaned
        if self.uses_profile_resume:
            if not self.profile_resume.storage.exists(self.profile_resume.name):
                self.add_error("resume_source", "Your profile's résumé is missing: upload a file.")
            else:
                self._scan_profile_resume()
        elif not cleaned.get("resume"):
            self.add_error("resume", "Attach your résumé.")
        return cleaned

    def _scan_profile_resume(self):
        """Scanned again as it is sent: it may have been stored before scanning was on,
        or before clamd learnt of what it holds."""
        try:
            status = checked_stored(self.profile_resume)  # streamed from the storage
        except FileNotFoundError:
            self.add_error("resume_source", "Your profile's résumé is missing: upload a file.")
            return
        except forms.ValidationError as refusal:
            self.add_error("resume_source", refusal)
            return
        # Not scanned now (scanning off): the profile's own status carries over.
        self.profile_resume_scan = (
            self.profile_resume.instance.resume_scan if status == ScanStatus.UNSCANNED else status
        )

    @property
    def resume_scan(self):
        """The ScanStatus of the résumé a valid form sends, for store_application."""
        if self.uses_profile_resume:
            return self.profile_resume_scan
        return self.cleaned_data["resume"].scan_status


class ApplicantFilterForm(forms.Form):
    """The applicants page's `?status=` filter; an unknown value shows everyone."""

    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Application.Status.choices], required=False
    )


class MoveStatusField(forms.ChoiceField):
    """Offers the moves allowed now, and accepts any status: whether a move is
    allowed is the workflow's to say (move_application), in the same words for
    the site and the API."""

    def valid_value(self, value):
        return value in Application.Status.values


class MoveForm(forms.Form):
    """The next status of one application, offering the moves it allows now.

    `current` is the status the page showed: move_application refuses the move
    if it changed since (a colleague, or the applicant withdrawing), rather than
    making it on a stale view.
    """

    status = MoveStatusField(
        label=gettext_lazy("Move to"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    current = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["status"].choices = [
            (status, Application.Status(status).label) for status in application.allowed_moves()
        ]
        # Only a value that is no status at all gets here; it is no move either.
        self.fields["status"].error_messages["invalid_choice"] = application.move_refusal()
        self.initial["current"] = application.status
        # Both the applicants list and the application page pre-select the next
        # step forward, not whichever allowed move happens to come first.
        self.initial["status"] = application.next_step()
        # One form per row: ids must stay unique on the page.
        self.auto_id = f"id_move_{application.pk}_%s"


class NoteForm(forms.ModelForm):
    class Meta:
        model = ApplicationNote
        fields = ["body"]
        labels = {"body": gettext_lazy("Add a private note")}
        help_texts = {
            "body": gettext_lazy("Only your company's team sees notes. Up to 5,000 characters.")
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "maxlength": 5000})}
