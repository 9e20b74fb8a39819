"""Answers to a job's screening questions (the questions: board/jobs/screening.py).

Each answer keeps the question's text and kind as they were asked (a snapshot):
the employer may reword, change or delete a question later, and an old answer must
still read as what the applicant replied to. The knock-out flag, too, is the rule
at the time of applying. Answers are stored with the application, in the same
transaction (store_application), and never change afterwards.

The pipeline reads them prefetched (one query for a page of applicants) and filters
by them with EXISTS subqueries, so the applicants page costs the same at 1,000
applicants as at 10.
"""

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext, gettext_lazy

from board.applications.models import Application
from board.jobs.screening import ScreeningQuestion


class ScreeningAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    # Null once the question is deleted, or became another question (its kind changed).
    question = models.ForeignKey(
        ScreeningQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    question_text = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=ScreeningQuestion.Kind)
    answer = models.CharField(max_length=200, blank=True)
    knocked_out = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="screening_answer_once_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question_text}: {self.answer}"

    @property
    def answer_display(self):
        if self.kind == ScreeningQuestion.Kind.YES_NO:
            return {"yes": "Yes", "no": "No"}.get(self.answer, self.answer)
        return self.answer


def save_answers(application, questions, answers):
    """Store the parsed answers ({question id: value}) of the application, with a
    snapshot of each question. Called inside the application's own transaction.

    A question the employer deleted since the form was checked keeps its answer,
    as asked, detached (as any answer to a deleted question is): the seeker's
    application must not fail on it. The questions still there are locked until
    the commit, so none can disappear under the new rows.
    """
    asked = [question.pk for question in questions]
    live = set(
        ScreeningQuestion.objects.select_for_update()
        .filter(pk__in=asked)
        .values_list("pk", flat=True)
    )
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            application=application,
            question=question if question.pk in live else None,
            question_text=question.text,
            kind=question.kind,
            answer=answers.get(question.pk, ""),
            knocked_out=question.knocks_out(answers.get(question.pk, "")),
        )
        for question in questions
        if answers.get(question.pk, "") or question.required
    )


def with_answers(applications):
    """Prefetch each application's answers: one more query for any number of rows."""
    return applications.prefetch_related(
        Prefetch("answers", ScreeningAnswer.objects.order_by("question__position", "id"))
    )


def is_knocked_out(application):
    """From the prefetched answers: no query per row."""
    return any(answer.knocked_out for answer in application.answers.all())


def knocked_out_filter():
    return Exists(ScreeningAnswer.objects.filter(application=OuterRef("pk"), knocked_out=True))


def answered(question_pk, value):
    return Exists(
        ScreeningAnswer.objects.filter(
            application=OuterRef("pk"), question_id=question_pk, answer=value
        )
    )


class ScreeningFilterForm(forms.Form):
    """The applicants page's `?answer=<question id>:<answer>` and `?knocked_out=yes|no`.

    Only the job's own yes/no and one-choice questions are offered; an unknown
    value (another job's question, a typo) is ignored like the status filter's.
    """

    answer = forms.ChoiceField(required=False, label=gettext_lazy("Answered"))
    knocked_out = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Knock-out"),
        choices=[
            ("", gettext_lazy("Any")),
            ("yes", gettext_lazy("Knocked out")),
            ("no", gettext_lazy("Not knocked out")),
        ],
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        choices = [("", gettext("Any answer"))]
        for question in questions:
            if question.kind in (ScreeningQuestion.Kind.YES_NO, ScreeningQuestion.Kind.CHOICE):
                choices += [
                    (
                        f"{question.pk}:{value}",
                        gettext("%(answer)s to: %(question)s")
                        % {"answer": label, "question": question.text},
                    )
                    for value, label in question.choices
                ]
        self.fields["answer"].choices = choices
        self.has_answer_filter = len(choices) > 1

    def filter(self, applications):
        """The applications narrowed by the valid filters; invalid ones are ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("answer"):
            pk, _, value = data["answer"].partition(":")
            applications = applications.filter(answered(int(pk), value))
        if data.get("knocked_out") == "yes":
            applications = applications.filter(knocked_out_filter())
        elif data.get("knocked_out") == "no":
            applications = applications.exclude(knocked_out_filter())
        return applications

    @property
    def active(self):
        return bool(getattr(self, "cleaned_data", {}) and any(self.cleaned_data.values()))


# The apply form's questions


class AnswerField(forms.Field):
    """One question's answer; the question itself says what is valid (parse_answer)."""

    def __init__(self, question, **kwargs):
        self.question = question
        kind = ScreeningQuestion.Kind
        if question.kind in (kind.YES_NO, kind.CHOICE):
            widget = forms.RadioSelect(choices=question.choices)
        elif question.kind == kind.NUMBER:
            widget = forms.NumberInput(attrs={"step": "any"})
        else:
            widget = forms.TextInput(attrs={"maxlength": 200})
        kwargs.setdefault("error_messages", {"required": "Please answer this question."})
        super().__init__(label=question.text, required=question.required, widget=widget, **kwargs)

    def to_python(self, value):
        return self.question.parse_answer(value)


def field_name(question):
    return f"question_{question.pk}"


def add_answer_fields(form, questions):
    """One field per question, named question_<id>: a POST naming another job's
    question simply has no field here, and is ignored."""
    for question in questions:
        form.fields[field_name(question)] = AnswerField(question)


def cleaned_answers(form, questions):
    """{question id: parsed answer} from a valid form."""
    return {q.pk: form.cleaned_data.get(field_name(q), "") for q in questions}
