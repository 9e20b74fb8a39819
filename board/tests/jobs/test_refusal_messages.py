"""The site and the REST API refuse the same job steps with the same words.

Both call board/jobs/workflow.py and only translate its JobRefused: a message
on the dashboard for the site, a 409 `detail` for the API.
"""

import pytest
from django.urls import reverse

from board.jobs import workflow
from board.jobs.maintenance import renew_path
from board.jobs.models import Job
from board.tests.api.conftest import bearer
from board.tests.factories import EmployerFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db

Status = Job.Status


@pytest.fixture
def member(company):
    return MembershipFactory(company=company, user=EmployerFactory()).user


def site_refusal(client, url_name, job, method="post"):
    response = getattr(client, method)(reverse(url_name, args=[job.pk]), follow=True)
    assert response.redirect_chain == [(reverse("employer_dashboard"), 302)]
    return [str(m) for m in response.context["messages"]]


def api_refusal(user, action, job):
    client = bearer(user)
    url = f"/api/v1/employer/jobs/{job.pk}/"
    if action == "edit":
        response = client.patch(url, {"title": "Renamed"}, format="json")
    else:
        response = client.post(f"{url}{action}/")
    assert response.status_code == 409, response.content
    return response.json()["detail"]


# (site view, API action, a status it refuses, the message)
REFUSALS = [
    ("employer_job_edit", "edit", Status.CLOSED, "A closed job cannot be edited."),
    ("employer_job_edit", "edit", Status.EXPIRED, "An expired job cannot be edited."),
    ("employer_job_submit", "submit", Status.PENDING, "A pending review job cannot be submitted."),
    ("employer_job_submit", "submit", Status.CLOSED, "A closed job cannot be submitted."),
    (
        "employer_job_close",
        "close",
        Status.DRAFT,
        "Only published jobs can be closed; “Rust Engineer” is draft.",
    ),
    (
        "employer_job_renew",
        "renew",
        Status.CLOSED,
        "Only published or expired jobs can be renewed; “Rust Engineer” is closed.",
    ),
]


@pytest.mark.parametrize(("view", "action", "status", "message"), REFUSALS)
def test_the_site_and_the_api_give_the_same_message(
    client, company, member, view, action, status, message
):
    job = JobFactory(company=company, status=status, title="Rust Engineer")
    before = Job.objects.values().get(pk=job.pk)
    client.force_login(member)
    assert site_refusal(client, view, job) == [message]
    assert api_refusal(member, action, job) == message
    assert Job.objects.values().get(pk=job.pk) == before


def test_the_edit_page_refuses_on_get_too(client, company, member):
    job = JobFactory(company=company, status=Status.CLOSED)
    client.force_login(member)
    assert site_refusal(client, "employer_job_edit", job, "get") == [
        "A closed job cannot be edited."
    ]


def test_deleting_anything_but_a_draft_is_refused_with_the_workflow_message(
    client, company, member
):
    # The API has no delete: the site is the one interface for this refusal.
    job = JobFactory(company=company)
    client.force_login(member)
    assert site_refusal(client, "employer_job_delete", job) == [workflow.NOT_DELETABLE]
    assert Job.objects.filter(pk=job.pk).exists()


@pytest.mark.parametrize(
    ("view", "action"),
    [
        ("employer_job_edit", "edit"),
        ("employer_job_submit", "submit"),
        ("employer_job_close", "close"),
        ("employer_job_renew", "renew"),
    ],
)
def test_another_companys_job_is_404_on_both(client, company, other_employer, view, action):
    # The workflow refuses outsiders too (NOT_A_MEMBER); the interfaces answer
    # first, with the 404 of a missing job, so no one learns the job exists.
    job = JobFactory(company=company, draft=True)
    client.force_login(other_employer)
    assert client.post(reverse(view, args=[job.pk])).status_code == 404
    api = bearer(other_employer)
    url = f"/api/v1/employer/jobs/{job.pk}/"
    response = api.patch(url, {"title": "x"}, format="json") if action == "edit" else None
    response = response or api.post(f"{url}{action}/")
    assert response.status_code == 404
    assert Job.objects.get(pk=job.pk).status == Status.DRAFT


def test_renew_link_refusal_is_the_workflow_message(client, company):
    job = JobFactory(company=company, title="Rust Engineer")
    path = renew_path(job)
    job.status = Status.CLOSED
    job.save(update_fields=["status"])
    response = client.post(path)
    assert [str(m) for m in response.context["messages"]] == [
        workflow.NOT_RENEWABLE.format(title="Rust Engineer", status="closed")
    ]
    assert Job.objects.get(pk=job.pk).status == Status.CLOSED
