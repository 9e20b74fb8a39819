"""Screening questions and answers for tests (kept beside factories.py, which others edit)."""

import factory

from board.applications.screening import ScreeningAnswer
from board.jobs.screening import ScreeningQuestion
from board.tests.factories import ApplicationFactory, JobFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    """A required yes/no question whose "no" knocks out, unless told otherwise."""

    class Meta:
        model = ScreeningQuestion

    job = factory.SubFactory(JobFactory)
    text = "Do you have the right to work in the EU?"
    kind = ScreeningQuestion.Kind.YES_NO
    required = True
    knockout_answer = "no"
    position = factory.Sequence(lambda n: n)


def answer(application, question, value):
    """An answer stored the way store_application stores it."""
    return ScreeningAnswer.objects.create(
        application=application,
        question=question,
        question_text=question.text,
        kind=question.kind,
        answer=value,
        knocked_out=question.knocks_out(value),
    )


def applicant_answering(question, value, **kwargs):
    application = ApplicationFactory(job=question.job, **kwargs)
    answer(application, question, value)
    return application
