"""Screening questions and answers in the REST API (the rules: board/jobs/screening.py).

A job lists its questions so a client can ask them; applying sends `answers`, an
object {question id: answer}; the pipeline reads each application's answers.
"""

import json

from rest_framework import serializers

from board.applications.screening import ScreeningAnswer, field_name
from board.jobs.screening import ScreeningQuestion

NOT_A_QUESTION = "Not a question of this job: {ids}."
ANSWERS_SHAPE = "An object: {question id: answer}."


KIND_HELP = (
    'yes_no: send "yes" or "no" (or true/false); choice: one of `options`; number: a '
    "number; text: up to 200 characters."
)


class QuestionSerializer(serializers.ModelSerializer):
    # A plain string: "kind" names another enum already (places), and the help says it all.
    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)
    options = serializers.ListField(
        source="option_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="For `choice`: the answers offered (send one of them as it is).",
    )

    class Meta:
        model = ScreeningQuestion
        fields = ["id", "text", "kind", "required", "options"]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    """An answer with the question as it was asked when the applicant applied."""

    question_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Null once the question was deleted."
    )
    kind = serializers.CharField(read_only=True, help_text="The question's kind when asked.")

    class Meta:
        model = ScreeningAnswer
        fields = ["question_id", "question_text", "kind", "answer", "knocked_out"]
        read_only_fields = fields


class MyAnswerSerializer(AnswerSerializer):
    """The applicant's own answers: never whether they knocked the application out."""

    class Meta(AnswerSerializer.Meta):
        fields = ["question_id", "question_text", "kind", "answer"]
        read_only_fields = fields


def answers_as_form_data(raw, questions):
    """The request's `answers` as the apply form's fields, or (None, error message).

    JSON sends an object; multipart a JSON-encoded string. An id that is not one
    of this job's questions (another job's, a made-up one) is refused, not ignored,
    so a client learns its mistake.
    """
    if raw in (None, ""):
        return {}, None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return None, ANSWERS_SHAPE
    if not isinstance(raw, dict):
        return None, ANSWERS_SHAPE
    by_id = {str(question.pk): question for question in questions}
    unknown = sorted(str(key) for key in raw if str(key) not in by_id)
    if unknown:
        return None, NOT_A_QUESTION.format(ids=", ".join(unknown[:10]))
    return {field_name(by_id[str(key)]): value for key, value in raw.items()}, None


def answer_errors(errors, questions):
    """The apply form's errors, those on questions moved under "answers": {id: [messages]}."""
    ids = {field_name(question): str(question.pk) for question in questions}
    answers = {ids[name]: errors.pop(name) for name in list(errors) if name in ids}
    if answers:
        errors["answers"] = answers
    return errors
