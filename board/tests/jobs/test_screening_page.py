"""The employer's screening-questions page: who may use it (owner, recruiter, another
company, a seeker, anonymous × GET, HEAD, POST), and what saving does."""

import pytest
from django.urls import reverse

from board.jobs.models import Job
from board.jobs.screening import ScreeningQuestion
from board.tests.factories import JobFactory, MembershipFactory, SeekerFactory, StaffFactory
from board.tests.screening_factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(company):
    return JobFactory(company=company, draft=True)


def url(job_or_pk):
    return reverse("employer_job_questions", args=[getattr(job_or_pk, "pk", job_or_pk)])


def management(total, initial=0):
    return {
        "questions-TOTAL_FORMS": str(total),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "10",
    }


NEW_QUESTION = {
    **management(1),
    "questions-0-text": "Do you have the right to work in the EU?",
    "questions-0-kind": "yes_no",
    "questions-0-required": "on",
    "questions-0-knockout_answer": "No",
}


def send(client, method, target):
    if method == "post":
        return client.post(url(target), NEW_QUESTION)
    return getattr(client, method)(url(target))


@pytest.mark.parametrize("role", ["owner", "recruiter"])
@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_members_of_the_company_may(client, company, job, role, method):
    client.force_login(MembershipFactory(company=company, role=role).user)
    response = send(client, method, job)
    if method == "post":
        assert response.status_code == 302
        question = ScreeningQuestion.objects.get(job=job)
        assert (question.kind, question.knockout_answer, question.required) == (
            "yes_no",
            "no",
            True,
        )
    else:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_another_companys_member_gets_the_404_of_a_missing_job(client, job, method):
    client.force_login(MembershipFactory().user)
    refused, missing = send(client, method, job), send(client, method, 987654)
    assert refused.status_code == missing.status_code == 404
    assert not ScreeningQuestion.objects.exists()


@pytest.mark.parametrize("user_factory", [SeekerFactory, StaffFactory])
@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_a_seeker_or_staff_is_refused(client, job, user_factory, method):
    client.force_login(user_factory())
    assert send(client, method, job).status_code == 403
    assert not ScreeningQuestion.objects.exists()


@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_anonymous_visitors_go_to_login(client, job, method):
    response = send(client, method, job)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not ScreeningQuestion.objects.exists()


def test_a_job_field_in_the_post_cannot_move_a_question_to_another_job(client, employer, job):
    other = JobFactory()
    client.force_login(employer)
    response = client.post(url(job), {**NEW_QUESTION, "questions-0-job": other.pk})
    assert response.status_code == 200  # the formset refuses it: "did not match the parent"
    assert not ScreeningQuestion.objects.exists()
    client.post(url(job), {**NEW_QUESTION, "questions-job": other.pk})  # not a field: ignored
    assert ScreeningQuestion.objects.get().job == job


def test_another_jobs_question_id_cannot_be_edited_through_this_page(client, employer, job):
    theirs = QuestionFactory(text="Theirs?")
    client.force_login(employer)
    data = {**NEW_QUESTION, **management(1, initial=1), "questions-0-id": theirs.pk}
    client.post(url(job), data)
    theirs.refresh_from_db()
    assert (theirs.text, theirs.job_id) == ("Theirs?", theirs.job.pk)
    assert theirs.job != job
    assert ScreeningQuestion.objects.count() <= 2


def test_errors_are_shown_and_nothing_is_saved(client, employer, job):
    client.force_login(employer)
    data = {**NEW_QUESTION, "questions-0-kind": "choice", "questions-0-options": "Only one"}
    response = client.post(url(job), data)
    assert response.status_code == 200
    assert "Give 2 to 10 options, one a line." in response.text
    assert not ScreeningQuestion.objects.exists()


def test_at_most_ten_questions(client, employer, job):
    client.force_login(employer)
    data = management(11)
    for i in range(11):
        data |= {f"questions-{i}-text": f"Q{i}?", f"questions-{i}-kind": "text"}
    response = client.post(url(job), data)
    assert not ScreeningQuestion.objects.exists()
    assert response.status_code == 200


def test_blank_rows_are_skipped_and_order_is_kept(client, employer, job):
    client.force_login(employer)
    data = management(3) | {
        "questions-0-text": "First?",
        "questions-0-kind": "text",
        "questions-1-kind": "yes_no",  # a blank row, as a browser posts it
        "questions-2-text": "Third?",
        "questions-2-kind": "number",
        "questions-2-knockout_below": "2",
    }
    assert client.post(url(job), data).status_code == 302
    assert list(job.screening_questions.values_list("text", "position")) == [
        ("First?", 0),
        ("Third?", 1),
    ]


def test_a_closed_job_cannot_change_its_questions(client, employer, company):
    job = JobFactory(company=company, status=Job.Status.CLOSED)
    client.force_login(employer)
    response = client.post(url(job), NEW_QUESTION, follow=True)
    assert "cannot be edited" in response.text
    assert not ScreeningQuestion.objects.exists()


def test_a_live_job_of_an_unverified_company_goes_back_to_review(client, employer, company):
    job = JobFactory(company=company)  # published; the company is not verified
    client.force_login(employer)
    client.post(url(job), NEW_QUESTION)
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING


def test_the_preview_and_the_edit_page_link_here(client, employer, job):
    client.force_login(employer)
    for name in ("employer_job_preview", "employer_job_edit"):
        assert url(job) in client.get(reverse(name, args=[job.pk])).text


def test_staff_see_questions_on_the_job_admin_and_answers_on_the_application_admin(admin_client):
    from board.tests.screening_factories import applicant_answering

    question = QuestionFactory(text="Right to work in the EU?")
    application = applicant_answering(question, "no")
    job_page = admin_client.get(reverse("admin:board_job_change", args=[question.job.pk]))
    assert job_page.status_code == 200
    assert 'value="Right to work in the EU?"' in job_page.text
    app_page = admin_client.get(reverse("admin:board_application_change", args=[application.pk]))
    assert app_page.status_code == 200
    assert "screening answers" in app_page.text.lower()
    assert "Right to work in the EU?" in app_page.text
