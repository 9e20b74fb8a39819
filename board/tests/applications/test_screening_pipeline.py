"""Screening answers in the employer's pipeline: the badge, the answers, the filter
(keeping the page's other filters), and a constant number of queries."""

import pytest
from django.urls import reverse

from board.jobs.screening import ScreeningQuestion
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory
from board.tests.screening_factories import QuestionFactory, answer, applicant_answering

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(company):
    return JobFactory(company=company, title="Data Engineer")


@pytest.fixture
def eu(job):
    return QuestionFactory(job=job)


@pytest.fixture
def office(job):
    return QuestionFactory(
        job=job,
        text="Which office?",
        kind=ScreeningQuestion.Kind.CHOICE,
        options="Berlin\nLisbon",
        knockout_answer="",
    )


def named(first, job, question, value, **kwargs):
    applicant = SeekerFactory(first_name=first, last_name="Tester")
    return applicant_answering(question, value, applicant=applicant, **kwargs)


def applicants(client, job, **params):
    return client.get(reverse("employer_applicants", args=[job.pk]), params)


def names(response):
    return sorted(a.applicant.first_name for a in response.context["page"])


def test_the_list_marks_knocked_out_applications(client, employer, job, eu):
    yes, no = named("Yolanda", job, eu, "yes"), named("Nora", job, eu, "no")
    client.force_login(employer)
    html = applicants(client, job).text
    row = lambda a: html[html.index(f'id="application-{a.pk}"') :].split("</tr>")[0]  # noqa: E731
    assert "Knocked out" in row(no)
    assert "Knocked out" not in row(yes)
    assert "Do you have the right to work in the EU?" in row(yes)


def test_filter_by_an_answer(client, employer, job, eu, office):
    a = named("Ana", job, eu, "yes")
    answer(a, office, "Lisbon")
    b = named("Ben", job, eu, "yes")
    answer(b, office, "Berlin")
    named("Cleo", job, eu, "no")
    client.force_login(employer)
    assert names(applicants(client, job, answer=f"{eu.pk}:yes")) == ["Ana", "Ben"]
    assert names(applicants(client, job, answer=f"{office.pk}:Lisbon")) == ["Ana"]
    page = applicants(client, job).text
    assert "Yes to: Do you have the right to work in the EU?" in page
    assert "Lisbon to: Which office?" in page


def test_filter_by_knock_out(client, employer, job, eu):
    named("Ana", job, eu, "yes")
    named("Cleo", job, eu, "no")
    ApplicationFactory(job=job, applicant=SeekerFactory(first_name="Dan"))  # before the question
    client.force_login(employer)
    assert names(applicants(client, job, knocked_out="yes")) == ["Cleo"]
    assert names(applicants(client, job, knocked_out="no")) == ["Ana", "Dan"]


def test_the_filters_combine_with_the_status(client, employer, job, eu):
    named("Ana", job, eu, "yes")
    named("Ben", job, eu, "yes", status="reviewing")
    named("Cleo", job, eu, "no", status="reviewing")
    client.force_login(employer)
    response = applicants(client, job, status="reviewing", answer=f"{eu.pk}:yes")
    assert names(response) == ["Ben"]
    html = response.text
    assert '<option value="reviewing" selected>' in html
    assert f'<option value="{eu.pk}:yes" selected>' in html


def test_pages_keep_the_screening_filter(client, employer, job, eu):
    for i in range(21):
        named(f"P{i:02}", job, eu, "yes")
    client.force_login(employer)
    html = applicants(client, job, answer=f"{eu.pk}:yes", status="submitted").text
    assert f"answer={eu.pk}%3Ayes" in html and "page=2" in html


@pytest.mark.parametrize(
    "value", ["999:yes", "abc", "1:", "", "\x00", "9" * 40 + ":yes", "{eu}:maybe", "{other}:yes"]
)
def test_an_unknown_answer_filter_is_ignored(client, employer, job, eu, value):
    other = QuestionFactory()  # another company's job
    named("Ana", job, eu, "yes")
    client.force_login(employer)
    response = applicants(client, job, answer=value.format(eu=eu.pk, other=other.pk))
    assert response.status_code == 200
    assert names(response) == ["Ana"]


def test_no_match_says_so(client, employer, job, eu):
    named("Ana", job, eu, "yes")
    client.force_login(employer)
    assert "No applicant matches these filters." in applicants(client, job, knocked_out="yes").text


def test_the_detail_page_shows_answers_and_knock_outs(client, employer, job, eu, office):
    application = named("Ana", job, eu, "no")
    answer(application, office, "Lisbon")
    client.force_login(employer)
    html = client.get(reverse("employer_application", args=[application.pk])).text
    assert "Do you have the right to work in the EU?" in html
    assert "Which office?" in html and "Lisbon" in html
    assert "Knock-out" in html


def test_a_question_text_cannot_inject_markup(client, employer, job):
    q = QuestionFactory(job=job, text="<script>alert(1)</script>")
    named("Ana", job, q, "no")
    client.force_login(employer)
    html = applicants(client, job).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_number_of_queries_does_not_grow_with_applicants(
    client, employer, job, eu, office, django_assert_num_queries
):
    named("Ana", job, eu, "yes")
    named("Kim", job, eu, "no")  # knocked out: filtered away
    client.force_login(employer)
    params = {"knocked_out": "no", "status": "submitted"}
    applicants(client, job, **params)  # warm the session and caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            applicants(client, job, **params)
        return len(queries)

    few = count()
    assert few == 9  # session, user, membership, job, questions, count, page, answers, counts
    for i in range(30):
        a = named(f"M{i}", job, eu, "yes")
        answer(a, office, "Berlin")
    with django_assert_num_queries(few):
        response = applicants(client, job, **params)
    assert len(response.context["page"]) == 20
    assert response.text.count("Screening answers") == 20
