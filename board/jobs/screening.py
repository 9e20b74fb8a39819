"""Screening questions: what a job asks each applicant, and what an answer may be.

The employer writes up to MAX_QUESTIONS per job, of four kinds. A yes/no, one-choice
or number question may carry a knock-out rule (this answer, this option, a number
below this minimum): an application that meets it is still received, only marked,
so a person decides (board/applications/screening.py stores the answers).

`parse_answer` is the one check of an answer: the site's apply form, the REST API
and GraphQL all go through it, so they accept and refuse the same answers in the
same words.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_lazy

from board.jobs.models import Job

MAX_QUESTIONS = 10
MAX_OPTIONS = 10
TEXT_ANSWER_MAX = 200
# Far beyond any sensible "years of experience" or "notice in weeks", and it
# keeps a pasted 10 kB digit string out of the database.
NUMBER_LIMIT = Decimal("1000000000")
YES, NO = "yes", "no"


class ScreeningQuestion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", gettext_lazy("Yes / no")
        CHOICE = "choice", gettext_lazy("One choice from a list")
        NUMBER = "number", gettext_lazy("Number")
        TEXT = "text", gettext_lazy("Short text")

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="screening_questions")
    text = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.YES_NO)
    # One option a line: what an employer types, and what the admin shows.
    options = models.TextField(
        blank=True, help_text="One choice: the options, one a line (2 to 10)."
    )
    required = models.BooleanField(default=True)
    knockout_answer = models.CharField(
        max_length=200,
        blank=True,
        help_text="Yes / no: “yes” or “no”; one choice: an option. Empty: no knock-out.",
    )
    knockout_below = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Number: an answer below this minimum is knocked out.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def choices(self):
        """(value, label) pairs for a yes/no or one-choice question."""
        if self.kind == self.Kind.YES_NO:
            return [(YES, gettext("Yes")), (NO, gettext("No"))]
        return [(option, option) for option in self.option_list]

    @property
    def has_knockout(self):
        return bool(self.knockout_answer) or self.knockout_below is not None

    def clean(self):
        """The rule fits the kind: options only for one choice, a knock-out among the
        answers one can give, a minimum only for numbers."""
        errors = {}
        options = self.option_list
        if self.kind == self.Kind.CHOICE:
            if not 2 <= len(options) <= MAX_OPTIONS:
                errors["options"] = gettext("Give 2 to %(max)s options, one a line.") % {
                    "max": MAX_OPTIONS
                }
            elif len(set(options)) != len(options):
                errors["options"] = gettext("Each option must be different.")
            elif any(len(option) > TEXT_ANSWER_MAX for option in options):
                errors["options"] = gettext("Keep each option under %(max)s characters.") % {
                    "max": TEXT_ANSWER_MAX
                }
        elif options:
            errors["options"] = gettext("Only one-choice questions have options.")
        if self.knockout_answer:
            allowed = {value for value, _ in self.choices}
            if self.kind not in (self.Kind.YES_NO, self.Kind.CHOICE):
                errors["knockout_answer"] = gettext(
                    "Only yes / no and one-choice questions knock out by answer."
                )
            elif self.knockout_answer not in allowed and "options" not in errors:
                errors["knockout_answer"] = gettext(
                    "The knock-out answer must be one of the answers offered."
                )
        if self.knockout_below is not None and self.kind != self.Kind.NUMBER:
            errors["knockout_below"] = gettext("Only number questions have a minimum.")
        if errors:
            raise ValidationError(errors)

    def parse_answer(self, raw):
        """The answer as stored (a string), or "" when none was given; ValidationError
        with the message for the applicant when it is not an answer to this question."""
        if raw is None or isinstance(raw, (list, dict)):
            raw = "" if raw is None else raw
            if raw:
                raise ValidationError(gettext("Give one answer."))
        if isinstance(raw, bool):  # a JSON true/false for a yes/no question
            raw = YES if raw else NO
        value = str(raw).strip()
        if not value:
            return ""
        if self.kind == self.Kind.NUMBER:
            return str(_number(value))
        if self.kind == self.Kind.TEXT:
            if len(value) > TEXT_ANSWER_MAX:
                raise ValidationError(
                    gettext("Keep the answer under %(max)s characters.") % {"max": TEXT_ANSWER_MAX}
                )
            return value
        if self.kind == self.Kind.YES_NO:
            value = value.lower()
        if value not in {choice for choice, _ in self.choices}:
            raise ValidationError(gettext("Choose one of the answers offered."))
        return value

    def knocks_out(self, answer):
        """Whether a parsed answer meets the knock-out rule (no answer never does)."""
        if not answer:
            return False
        if self.kind == self.Kind.NUMBER:
            return self.knockout_below is not None and Decimal(answer) < self.knockout_below
        return bool(self.knockout_answer) and answer == self.knockout_answer


def _number(value):
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise ValidationError(gettext("Enter a number.")) from None
    if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise ValidationError(gettext("Enter a number."))
    # "3.50" and "3.5" are one answer: the filter and the export compare strings.
    return number.quantize(Decimal("0.01")).normalize() if number % 1 else number.to_integral()


def questions_of(job):
    """The job's questions in order, as a list (the apply form reads it more than once)."""
    return list(job.screening_questions.all())


def copy_questions(job, copy):
    """The job's questions on its duplicate, in the same order."""
    ScreeningQuestion.objects.bulk_create(
        ScreeningQuestion(
            job=copy,
            text=q.text,
            kind=q.kind,
            options=q.options,
            required=q.required,
            knockout_answer=q.knockout_answer,
            knockout_below=q.knockout_below,
            position=q.position,
        )
        for q in job.screening_questions.all()
    )
