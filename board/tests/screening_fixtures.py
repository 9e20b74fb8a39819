"""Fixtures shared by the REST and GraphQL screening tests (tests/api/test_screening.py,
tests/graphql/test_screening.py): a job with three questions and a seeker with a résumé.
A pytest plugin (listed in tests/conftest.py) so both modules use them without importing."""

import pytest

from board.jobs.screening import ScreeningQuestion
from board.tests.api.conftest import bearer
from board.tests.factories import JobFactory, SeekerFactory, SeekerProfileFactory
from board.tests.screening_factories import QuestionFactory

Kind = ScreeningQuestion.Kind


@pytest.fixture
def job(company):
    return JobFactory(company=company)


@pytest.fixture
def eu(job):
    return QuestionFactory(job=job)


@pytest.fixture
def years(job):
    return QuestionFactory(
        job=job, text="Years of SQL", kind=Kind.NUMBER, knockout_answer="", knockout_below=2
    )


@pytest.fixture
def office(job):
    return QuestionFactory(
        job=job,
        text="Which office?",
        kind=Kind.CHOICE,
        options="Berlin\nLisbon",
        knockout_answer="",
        required=False,
    )


@pytest.fixture
def seeker():
    user = SeekerFactory()
    SeekerProfileFactory(user=user)
    return user


def rest_apply(user, job, answers, **extra):
    body = {"use_profile_resume": True, "answers": answers, **extra}
    return bearer(user).post(f"/api/v1/jobs/{job.pk}/apply/", body, format="json")
