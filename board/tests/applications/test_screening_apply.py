"""Applying on the site with screening questions: answers saved with the application,
refused answers are form errors (nothing lost), attacker input changes nothing."""

import pytest
from django.urls import reverse

from board.applications.models import Application
from board.applications.screening import ScreeningAnswer, save_answers
from board.jobs.screening import ScreeningQuestion
from board.tests import resume_files
from board.tests.factories import JobFactory, SeekerFactory
from board.tests.screening_factories import QuestionFactory

pytestmark = pytest.mark.django_db
Kind = ScreeningQuestion.Kind


@pytest.fixture
def job():
    return JobFactory(title="Data Engineer")


@pytest.fixture
def questions(job):
    return {
        "eu": QuestionFactory(job=job),
        "city": QuestionFactory(
            job=job,
            text="Which office?",
            kind=Kind.CHOICE,
            options="Berlin\nLisbon",
            knockout_answer="",
            required=False,
        ),
        "years": QuestionFactory(
            job=job, text="Years of SQL", kind=Kind.NUMBER, knockout_answer="", knockout_below=2
        ),
        "notice": QuestionFactory(
            job=job, text="Notice period", kind=Kind.TEXT, knockout_answer="", required=False
        ),
    }


@pytest.fixture
def seeker(client):
    user = SeekerFactory()
    client.force_login(user)
    return user


def post(client, job, answers, **extra):
    data = {"resume": resume_files.good_pdf(), "cover_letter": "Dear team", **extra}
    data.update({f"question_{q.pk}": value for q, value in answers.items()})
    return client.post(reverse("apply_to_job", args=[job.pk]), data)


def test_the_job_page_asks_the_questions(client, seeker, job, questions):
    page = client.get(job.get_absolute_url()).content.decode()
    for q in questions.values():
        assert q.text in page
        assert f'name="question_{q.pk}"' in page
    assert 'value="Lisbon"' in page


def test_answers_are_saved_with_the_application(client, seeker, job, questions):
    q = questions
    response = post(
        client, job, {q["eu"]: "yes", q["city"]: "Lisbon", q["years"]: "5", q["notice"]: "1 month"}
    )
    assert response.status_code == 302
    application = Application.objects.get()
    stored = {a.question_id: (a.answer, a.knocked_out) for a in application.answers.all()}
    assert stored == {
        q["eu"].pk: ("yes", False),
        q["city"].pk: ("Lisbon", False),
        q["years"].pk: ("5", False),
        q["notice"].pk: ("1 month", False),
    }
    snapshot = application.answers.get(question=q["years"])
    assert (snapshot.question_text, snapshot.kind) == ("Years of SQL", "number")


def test_a_knock_out_answer_marks_but_does_not_refuse(client, seeker, job, questions):
    post(client, job, {questions["eu"]: "no", questions["years"]: "1"})
    application = Application.objects.get()
    knocked = set(application.answers.filter(knocked_out=True).values_list("question", flat=True))
    assert knocked == {questions["eu"].pk, questions["years"].pk}
    assert application.status == "submitted"


def test_optional_questions_may_stay_unanswered(client, seeker, job, questions):
    post(client, job, {questions["eu"]: "yes", questions["years"]: "3"})
    answered = Application.objects.get().answers.values_list("question", flat=True)
    assert set(answered) == {questions["eu"].pk, questions["years"].pk}


@pytest.mark.parametrize(
    ("which", "value", "message"),
    [
        ("eu", "", "Please answer this question."),
        ("years", "", "Please answer this question."),
        ("years", "abc", "Enter a number."),
        ("city", "Paris", "Choose one of the answers offered."),
        ("eu", "maybe", "Choose one of the answers offered."),
        ("notice", "x" * 201, "Keep the answer under 200 characters."),
    ],
)
def test_a_refused_answer_is_a_form_error_and_nothing_is_lost(
    client, seeker, job, questions, which, value, message
):
    answers = {questions["eu"]: "yes", questions["years"]: "4", questions[which]: value}
    response = post(client, job, answers)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Dear team" in page  # the cover letter is still in the form
    assert not Application.objects.exists()
    assert not ScreeningAnswer.objects.exists()


def test_an_answer_to_another_jobs_question_is_ignored(client, seeker, job, questions):
    elsewhere = QuestionFactory(text="Elsewhere?")
    post(
        client,
        job,
        {questions["eu"]: "yes", questions["years"]: "4", elsewhere: "no"},
    )
    application = Application.objects.get()
    assert not application.answers.filter(question=elsewhere).exists()
    assert not elsewhere.answers.exists()


def test_an_answer_to_another_jobs_question_does_not_replace_a_missing_one(
    client, seeker, job, questions
):
    elsewhere = QuestionFactory(text="Elsewhere?")
    response = post(client, job, {questions["years"]: "4", elsewhere: "yes"})
    assert "Please answer this question." in response.content.decode()
    assert not Application.objects.exists()


def test_htmx_apply_shows_the_errors_in_the_panel(client, seeker, job, questions):
    response = client.post(
        reverse("apply_to_job", args=[job.pk]),
        {"resume": resume_files.good_pdf(), f"question_{questions['years'].pk}": "abc"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="apply-panel",
    )
    page = response.content.decode()
    assert "Enter a number." in page and "Please answer this question." in page
    assert "<html" not in page


def test_a_job_without_questions_applies_as_before(client, seeker):
    job = JobFactory()
    assert post(client, job, {}).status_code == 302
    assert Application.objects.get().answers.count() == 0


def test_the_seeker_sees_their_answers_but_not_the_knock_out(client, seeker, job, questions):
    post(client, job, {questions["eu"]: "no", questions["years"]: "4"})
    application = Application.objects.get()
    page = client.get(reverse("my_application", args=[application.pk])).content.decode()
    assert "Do you have the right to work in the EU?" in page
    assert "Years of SQL" in page
    assert "Knock" not in page


def test_a_question_deleted_while_applying_keeps_its_answer_detached(seeker, job, questions):
    """The employer deletes a question between the form's check and the save: the
    application is stored, the answer as asked, no longer tied to a question."""
    application = Application.objects.create(job=job, applicant=seeker, resume="cv.pdf")
    asked = [questions["eu"], questions["years"]]
    ScreeningQuestion.objects.filter(pk=questions["eu"].pk).delete()
    save_answers(application, asked, {questions["eu"].pk: "no", questions["years"].pk: "3"})
    stored = {a.question_text: (a.question_id, a.answer) for a in application.answers.all()}
    assert stored == {
        "Do you have the right to work in the EU?": (None, "no"),
        "Years of SQL": (questions["years"].pk, "3"),
    }
