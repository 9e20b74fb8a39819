"""Screening questions through REST and GraphQL: a job lists its questions, applying
sends answers (refused the site's way), the pipeline and the applicant read them."""

import json

import pytest

from board.applications.models import Application
from board.applications.screening import ScreeningAnswer
from board.jobs.screening import ScreeningQuestion
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    SeekerFactory,
)
from board.tests.resume_files import good_pdf
from board.tests.screening_factories import QuestionFactory, answer
from board.tests.screening_fixtures import rest_apply

pytestmark = pytest.mark.django_db
Kind = ScreeningQuestion.Kind
NOT_OFFERED = "Choose one of the answers offered."


# REST


def test_the_public_job_lists_its_questions(anon, job, eu, office):
    data = anon.get(f"/api/v1/jobs/{job.pk}/").json()
    assert data["screening_questions"] == [
        {"id": eu.pk, "text": eu.text, "kind": "yes_no", "required": True, "options": []},
        {
            "id": office.pk,
            "text": "Which office?",
            "kind": "choice",
            "required": False,
            "options": ["Berlin", "Lisbon"],
        },
    ]
    assert "knockout_answer" not in json.dumps(data)  # the rule stays the employer's


def test_rest_apply_with_answers(seeker, job, eu, years, office):
    response = rest_apply(seeker, job, {str(eu.pk): True, str(years.pk): 1, office.pk: "Lisbon"})
    assert response.status_code == 201, response.json()
    assert {(a["question_id"], a["answer"]) for a in response.json()["answers"]} == {
        (eu.pk, "yes"),
        (years.pk, "1"),
        (office.pk, "Lisbon"),
    }
    assert "knocked_out" not in json.dumps(response.json())  # never shown to the applicant
    stored = ScreeningAnswer.objects.get(question=years)
    assert stored.knocked_out


def test_rest_apply_multipart_with_answers_as_a_json_string(seeker, job, eu):
    body = {"resume": good_pdf(), "answers": json.dumps({str(eu.pk): "no"})}
    response = bearer(seeker).post(f"/api/v1/jobs/{job.pk}/apply/", body, format="multipart")
    assert response.status_code == 201, response.json()
    assert ScreeningAnswer.objects.get().answer == "no"


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({}, {"eu": ["Please answer this question."], "years": ["Please answer this question."]}),
        ({"eu": "yes", "years": "abc"}, {"years": ["Enter a number."]}),
        ({"eu": "yes", "years": "3", "office": "Paris"}, {"office": [NOT_OFFERED]}),
        ({"eu": "perhaps", "years": "3"}, {"eu": [NOT_OFFERED]}),
        ({"eu": ["yes"], "years": "3"}, {"eu": ["Give one answer."]}),
    ],
)  # fmt: skip
def test_rest_apply_refuses_bad_answers_by_question(
    seeker, job, eu, years, office, answers, errors
):
    ids = {"eu": eu.pk, "years": years.pk, "office": office.pk}
    response = rest_apply(seeker, job, {str(ids[k]): v for k, v in answers.items()})
    assert response.status_code == 400
    assert response.json() == {"answers": {str(ids[k]): v for k, v in errors.items()}}
    assert not Application.objects.exists()


@pytest.mark.parametrize("answers", [["yes"], "not json", 42])
def test_rest_apply_refuses_answers_of_the_wrong_shape(seeker, job, eu, answers):
    response = rest_apply(seeker, job, answers)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_rest_apply_refuses_another_jobs_question(seeker, job, eu):
    theirs = QuestionFactory(text="Theirs?")
    response = rest_apply(seeker, job, {str(eu.pk): "yes", str(theirs.pk): "yes"})
    assert response.status_code == 400
    assert response.json() == {"answers": [f"Not a question of this job: {theirs.pk}."]}
    assert not Application.objects.exists()


def test_rest_pipeline_and_my_applications_show_the_answers(seeker, job, eu, employer):
    application = ApplicationFactory(job=job, applicant=seeker)
    answer(application, eu, "no")
    listed = bearer(employer).get(f"/api/v1/employer/jobs/{job.pk}/applicants/").json()
    row = listed["results"][0]
    assert row["knocked_out"] is True
    assert row["answers"] == [
        {
            "question_id": eu.pk,
            "question_text": eu.text,
            "kind": "yes_no",
            "answer": "no",
            "knocked_out": True,
        }
    ]
    mine = bearer(seeker).get("/api/v1/me/applications/").json()["results"][0]
    assert mine["answers"] == [
        {"question_id": eu.pk, "question_text": eu.text, "kind": "yes_no", "answer": "no"}
    ]


def test_rest_pipeline_queries_do_not_grow(employer, job, eu, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    answer(ApplicationFactory(job=job), eu, "yes")
    client = bearer(employer)
    url = f"/api/v1/employer/jobs/{job.pk}/applicants/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        answer(ApplicationFactory(job=job), eu, "no")
    with django_assert_num_queries(len(few)):
        assert len(client.get(url).json()["results"]) == 16


@pytest.mark.parametrize(
    "params,expected",
    [
        ({}, {"yes-lisbon", "no-berlin", "yes-none"}),
        ({"answer": "EU:yes"}, {"yes-lisbon", "yes-none"}),
        ({"answer": "OFFICE:Lisbon"}, {"yes-lisbon"}),
        ({"answer": "EU:yes", "knocked_out": "no"}, {"yes-lisbon", "yes-none"}),
        ({"knocked_out": "yes"}, {"no-berlin"}),
        ({"knocked_out": "no"}, {"yes-lisbon", "yes-none"}),
        # Ignored as on the site: another job's question, nonsense, a number question.
        ({"answer": "OTHER:yes"}, {"yes-lisbon", "no-berlin", "yes-none"}),
        ({"answer": "x:'; DROP TABLE"}, {"yes-lisbon", "no-berlin", "yes-none"}),
        ({"answer": "YEARS:5"}, {"yes-lisbon", "no-berlin", "yes-none"}),
        ({"knocked_out": "maybe"}, {"yes-lisbon", "no-berlin", "yes-none"}),
    ],
)
def test_rest_pipeline_filters_by_answer_and_knock_out(
    employer, job, eu, office, years, params, expected
):
    other = QuestionFactory(job=JobFactory())
    people = {}
    for name, eu_answer, office_answer in (
        ("yes-lisbon", "yes", "Lisbon"),
        ("no-berlin", "no", "Berlin"),
        ("yes-none", "yes", None),
    ):
        application = ApplicationFactory(job=job, applicant=SeekerFactory(first_name=name))
        answer(application, eu, eu_answer)
        if office_answer:
            answer(application, office, office_answer)
        answer(application, years, "5")
        people[application.pk] = name
    ids = {"EU": eu.pk, "OFFICE": office.pk, "OTHER": other.pk, "YEARS": years.pk}
    query = {
        key: value.replace(value.split(":")[0], str(ids.get(value.split(":")[0], "x")), 1)
        if key == "answer"
        else value
        for key, value in params.items()
    }
    listed = bearer(employer).get(f"/api/v1/employer/jobs/{job.pk}/applicants/", query)
    assert listed.status_code == 200
    assert {people[row["id"]] for row in listed.json()["results"]} == expected
