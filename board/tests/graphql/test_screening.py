"""Screening questions through GraphQL: a job lists its questions, applyToJob sends
answers (refused the site's way), the pipeline reads them (REST: tests/api/test_screening.py)."""

import pytest
from django.test import Client

from board.applications.models import Application
from board.jobs.screening import ScreeningQuestion
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
)
from board.tests.screening_factories import QuestionFactory, answer

pytestmark = pytest.mark.django_db
Kind = ScreeningQuestion.Kind


# GraphQL

JOB = "query($id: ID!) { job(id: $id) { screeningQuestions { id text kind required options } } }"
APPLY = """mutation($job: ID!, $answers: [AnswerInput!]) {
  applyToJob(jobId: $job, answers: $answers) { status answers { questionId answer } } }"""
APPLICANTS = """query($job: ID!) { jobApplicants(jobId: $job) { edges { node {
  knockedOut answers { questionId questionText kind answer knockedOut } } } } }"""


def as_user(gql, user, query, variables):
    client = Client()
    if user is not None:
        client.force_login(user)
    return gql(query, variables, using=client)


def graphql_answers(**by_question):
    return [{"questionId": str(q.pk), "answer": value} for q, value in by_question.values()]


def test_graphql_job_lists_its_questions(gql, job, eu, office):
    data = gql(JOB, {"id": str(job.pk)})["data"]["job"]["screeningQuestions"]
    assert data == [
        {"id": str(eu.pk), "text": eu.text, "kind": "YES_NO", "required": True, "options": []},
        {
            "id": str(office.pk),
            "text": "Which office?",
            "kind": "CHOICE",
            "required": False,
            "options": ["Berlin", "Lisbon"],
        },
    ]


def test_graphql_apply_with_answers(gql, seeker, job, eu, years):
    answers = graphql_answers(a=(eu, "yes"), b=(years, "4"))
    result = as_user(gql, seeker, APPLY, {"job": str(job.pk), "answers": answers})
    assert "errors" not in result, result
    assert result["data"]["applyToJob"]["answers"] == [
        {"questionId": str(eu.pk), "answer": "yes"},
        {"questionId": str(years.pk), "answer": "4"},
    ]
    assert Application.objects.get().answers.count() == 2


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ("missing", "years", "Please answer this question."),
        ("abc", "years", "Enter a number."),
        ("Paris", "office", "Choose one of the answers offered."),
    ],
)
def test_graphql_apply_refuses_bad_answers(
    gql, seeker, job, eu, years, office, given, field, message
):
    answers = {"eu": (eu, "yes"), "years": (years, "3")}
    if given != "missing":
        answers[field] = ({"years": years, "office": office}[field], given)
    else:
        del answers["years"]
    result = as_user(
        gql, seeker, APPLY, {"job": str(job.pk), "answers": graphql_answers(**answers)}
    )
    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    question = {"years": years, "office": office}[field]
    assert error["extensions"]["fields"]["answers"] == {str(question.pk): [message]}
    assert not Application.objects.exists()


def test_graphql_apply_refuses_another_jobs_question(gql, seeker, job, eu):
    theirs = QuestionFactory(text="Theirs?")
    answers = graphql_answers(a=(eu, "yes"), b=(theirs, "yes"))
    result = as_user(gql, seeker, APPLY, {"job": str(job.pk), "answers": answers})
    assert result["errors"][0]["message"] == f"Not a question of this job: {theirs.pk}."
    assert not Application.objects.exists()


def test_graphql_apply_is_for_signed_in_seekers_only(gql, job, eu):
    variables = {"job": str(job.pk), "answers": graphql_answers(a=(eu, "yes"))}
    assert as_user(gql, None, APPLY, variables)["errors"]
    employer = MembershipFactory().user
    refused = as_user(gql, employer, APPLY, variables)["errors"][0]
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert not Application.objects.exists()


def test_graphql_apply_twice_is_refused(gql, seeker, job, eu):
    variables = {"job": str(job.pk), "answers": graphql_answers(a=(eu, "yes"))}
    as_user(gql, seeker, APPLY, variables)
    again = as_user(gql, seeker, APPLY, variables)
    assert again["errors"][0]["message"] == "You already applied to this job."
    assert Application.objects.count() == 1


def test_graphql_pipeline_shows_answers_and_knock_out(gql, employer, job, eu):
    answer(ApplicationFactory(job=job), eu, "no")
    node = as_user(gql, employer, APPLICANTS, {"job": str(job.pk)})["data"]["jobApplicants"]
    node = node["edges"][0]["node"]
    assert node["knockedOut"] is True
    assert node["answers"] == [
        {
            "questionId": str(eu.pk),
            "questionText": eu.text,
            "kind": "YES_NO",
            "answer": "no",
            "knockedOut": True,
        }
    ]


def test_graphql_pipeline_queries_do_not_grow(gql, employer, job, eu, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(employer)
    answer(ApplicationFactory(job=job), eu, "yes")
    with CaptureQueriesContext(connection) as few:
        gql(APPLICANTS, {"job": str(job.pk)}, using=client)
    for _ in range(10):
        answer(ApplicationFactory(job=job), eu, "no")
    with django_assert_num_queries(len(few)):
        result = gql(APPLICANTS, {"job": str(job.pk)}, using=client)
    assert len(result["data"]["jobApplicants"]["edges"]) == 11


FILTERED = """query($job: ID!, $answer: String, $knockedOut: Boolean) {
  jobApplicants(jobId: $job, answer: $answer, knockedOut: $knockedOut) {
    edges { node { applicantEmail } } } }"""


def test_graphql_pipeline_filters_by_answer_and_knock_out(gql, employer, job, eu):
    said_yes = ApplicationFactory(job=job)
    answer(said_yes, eu, "yes")
    said_no = ApplicationFactory(job=job)
    answer(said_no, eu, "no")

    def found(**variables):
        return as_user(gql, employer, FILTERED, {"job": str(job.pk), **variables})

    def ids(result):
        edges = result["data"]["jobApplicants"]["edges"]
        return {edge["node"]["applicantEmail"] for edge in edges}

    yes, no = said_yes.applicant.email, said_no.applicant.email
    assert ids(found()) == {yes, no}
    assert ids(found(answer=f"{eu.pk}:yes")) == {yes}
    assert ids(found(knockedOut=True)) == {no}
    assert ids(found(knockedOut=False, answer=f"{eu.pk}:yes")) == {yes}
    # A program sent it: an answer the job does not offer is its mistake, not a wider list.
    other = QuestionFactory(job=JobFactory())
    for wrong in (f"{other.pk}:yes", f"{eu.pk}:maybe", "nonsense"):
        refused = found(answer=wrong)
        assert refused["data"] is None or refused["data"]["jobApplicants"] is None
        [error] = refused["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["message"].startswith("Invalid filters: answer:")
