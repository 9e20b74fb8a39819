"""Screening questions and answers in GraphQL (the rules: board/jobs/screening.py).

A job lists its questions; `applyToJob` sends answers; the company's pipeline
reads each application's answers, the applicant their own (without the knock-out).
"""

import strawberry
import strawberry_django

from board.applications.screening import ScreeningAnswer
from board.jobs.screening import ScreeningQuestion

ScreeningKind = strawberry.enum(ScreeningQuestion.Kind, name="ScreeningKind")


@strawberry_django.type(ScreeningQuestion, name="ScreeningQuestion")
class ScreeningQuestionType:
    """A question applying asks. Answer yes/no with "yes" or "no", a choice with one of
    `options`, a number with digits, a text with up to 200 characters."""

    id: strawberry.ID = strawberry_django.field(description="Send it back as questionId.")
    text: str
    kind: ScreeningKind
    required: bool

    @strawberry_django.field(only=["options"])
    def options(self) -> list[str]:
        """For a one-choice question: the answers offered."""
        return self.option_list


@strawberry_django.type(ScreeningAnswer, name="MyScreeningAnswer")
class MyScreeningAnswerType:
    """An answer, with the question as it was asked."""

    question_text: str
    kind: ScreeningKind
    answer: str

    @strawberry_django.field(only=["question_id"])
    def question_id(self) -> strawberry.ID | None:
        """Null once the question was deleted."""
        return self.question_id


@strawberry_django.type(ScreeningAnswer, name="ScreeningAnswer")
class ScreeningAnswerType(MyScreeningAnswerType):
    """An answer as the company sees it: also whether it met a knock-out rule."""

    knocked_out: bool


@strawberry.input
class AnswerInput:
    question_id: strawberry.ID
    answer: str
