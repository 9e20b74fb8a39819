"""The employer's form for a job's screening questions: one formset, no JavaScript needed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from board.jobs.models import Job
from board.jobs.screening import MAX_QUESTIONS, ScreeningQuestion

BLANK_FORMS = 3


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ScreeningQuestion
        # Never job or position: the page's job and the order given decide them.
        fields = ["text", "kind", "options", "required", "knockout_answer", "knockout_below"]
        labels = {
            "text": _("Question"),
            "kind": _("Kind"),
            "options": _("Options (one choice)"),
            "required": _("Required"),
            "knockout_answer": _("Knock-out answer"),
            "knockout_below": _("Knock-out below"),
        }
        help_texts = {
            "options": _("One a line, 2 to 10."),
            "knockout_answer": _(
                "Yes / no: “yes” or “no”. One choice: one of the options. "
                "An application with this answer is marked, not refused."
            ),
            "knockout_below": _("Number: an answer below this minimum is marked."),
        }
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}

    def has_changed(self):
        # A blank row still posts its kind (a select) and an unticked "required":
        # without a question's text it is an unused row, skipped, not an error.
        if self.instance.pk is None:
            return bool(self.data.get(self.add_prefix("text"), "").strip())
        return super().has_changed()

    def clean_knockout_answer(self):
        value = self.cleaned_data["knockout_answer"].strip()
        return value.lower() if value.lower() in ("yes", "no") else value


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    def get_queryset(self):
        return super().get_queryset().order_by("position", "id")


def question_formset(job, data=None):
    """The job's questions plus a few blank forms, never more than MAX_QUESTIONS."""
    existing = job.screening_questions.count()
    formset_class = forms.inlineformset_factory(
        Job,
        ScreeningQuestion,
        form=QuestionForm,
        formset=BaseQuestionFormSet,
        extra=max(0, min(BLANK_FORMS, MAX_QUESTIONS - existing)),
        max_num=MAX_QUESTIONS,
        absolute_max=MAX_QUESTIONS,
        validate_max=True,
        can_delete=True,
    )
    return formset_class(data, instance=job, prefix="questions")
