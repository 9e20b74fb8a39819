"""REST: bulk moves and messages for the employer; messages and shared reasons for the seeker."""

import pytest
from rest_framework.test import APIClient

from board.applications import bulk
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory, MembershipFactory, SeekerFactory

pytestmark = pytest.mark.django_db

S = Application.Status
BULK = "/api/v1/employer/applications/bulk/"


def messages_url(application):
    return f"/api/v1/employer/applications/{application.pk}/messages/"


@pytest.fixture
def applications(job_a):
    return [ApplicationFactory(job=job_a, status=s) for s in (S.SUBMITTED, S.HIRED)]


def client_for(role, company_a, applications):
    return {
        "owner": lambda: bearer(MembershipFactory(company=company_a).user),
        "recruiter": lambda: bearer(MembershipFactory(company=company_a, role="recruiter").user),
        "other company": lambda: bearer(MembershipFactory().user),
        "seeker": lambda: bearer(applications[0].applicant),
        "anonymous": APIClient,
    }[role]()


REJECT = {
    "status": "rejected",
    "reason": "filled",
    "share_reason": True,
    "subject": "About {job_title}",
    "body": "Dear {applicant_name}",
}


@pytest.mark.parametrize("role", ["owner", "recruiter"])
def test_members_bulk_reject_with_a_report(company_a, applications, role):
    client = client_for(role, company_a, applications)
    new, hired = applications
    foreign = ApplicationFactory()
    ids = [new.pk, hired.pk, foreign.pk]
    response = client.post(BULK, {"applications": ids, **REJECT}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "moved": [{"id": new.pk, "status": "rejected"}],
        "refused": [
            {
                "id": hired.pk,
                "status": "hired",
                "detail": "An application that is hired cannot move to that status.",
            }
        ],
        "not_found": [foreign.pk],
    }
    foreign.refresh_from_db()
    assert foreign.status == S.SUBMITTED
    assert new.messages.get().body == f"Dear {new.applicant.display_name}"


@pytest.mark.parametrize("role,code", [("other company", 200), ("seeker", 403), ("anonymous", 401)])
def test_others_move_nothing(company_a, applications, role, code):
    client = client_for(role, company_a, applications)
    ids = [a.pk for a in applications]
    response = client.post(BULK, {"applications": ids, **REJECT}, format="json")
    assert response.status_code == code
    if code == 200:  # another company's member: every id is "not found"
        assert response.json() == {"moved": [], "refused": [], "not_found": ids}
    assert [a.status for a in Application.objects.order_by("pk")] == [S.SUBMITTED, S.HIRED]
    assert not ApplicationMessage.objects.exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"status": "rejected"}, "detail"),  # no reason
        ({"status": "reviewing", "applications": list(range(1, 202))}, "detail"),
        ({"status": "withdrawn"}, "status"),
        ({"status": "rejected", "reason": "filled", "subject": "x", "body": "{0}"}, "body"),
        ({"status": "reviewing", "applications": ["x"]}, "applications"),
        ({"status": "reviewing", "applications": [2**64]}, "applications"),
    ],
)
def test_a_request_that_cannot_be_done_is_400_and_changes_nothing(
    company_a, applications, body, field
):
    client = client_for("owner", company_a, applications)
    response = client.post(BULK, {"applications": [applications[0].pk], **body}, format="json")
    assert response.status_code == 400
    messages = response.json()[field]
    # The documented shape: a message, or a list of messages, per field (never by position).
    assert isinstance(messages, str) or all(isinstance(m, str) for m in messages)
    assert not applications[0].events.exists()


@pytest.mark.parametrize("role", ["owner", "recruiter"])
def test_members_send_and_list_messages(company_a, applications, role):
    client = client_for(role, company_a, applications)
    application = applications[0]
    response = client.post(
        messages_url(application),
        {"subject": "Hi {applicant_name}", "body": "About {job_title}"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["subject"] == f"Hi {application.applicant.display_name}"
    listed = client.get(messages_url(application)).json()
    assert [m["body"] for m in listed] == [f"About {application.job.title}"]


@pytest.mark.parametrize("role,code", [("other company", 404), ("seeker", 403), ("anonymous", 401)])
def test_others_cannot_send_or_read_messages(company_a, applications, role, code):
    client = client_for(role, company_a, applications)
    url = messages_url(applications[0])
    assert client.post(url, {"subject": "Hi", "body": "Hi"}, format="json").status_code == code
    assert client.get(url).status_code == code
    assert not ApplicationMessage.objects.exists()


def test_a_hostile_placeholder_is_a_400_by_field(company_a, applications):
    client = client_for("owner", company_a, applications)
    response = client.post(
        messages_url(applications[0]),
        {"subject": "Hi", "body": "{applicant_name.__class__}"},
        format="json",
    )
    assert response.status_code == 400
    assert "Unknown placeholder" in response.json()["body"][0]


def test_the_seeker_reads_messages_and_only_shared_reasons(company_a, job_a):
    owner = MembershipFactory(company=company_a).user
    shared = ApplicationFactory(job=job_a)
    private = ApplicationFactory(job=job_a, applicant=SeekerFactory())
    bulk.move_applications(
        owner,
        [shared.pk],
        S.REJECTED,
        reason="filled",
        share_reason=True,
        subject="About {job_title}",
        body="Thanks",
    )
    bulk.move_applications(owner, [private.pk], S.REJECTED, reason="skills", reason_text="Weak SQL")
    [mine] = bearer(shared.applicant).get("/api/v1/me/applications/").json()["results"]
    assert mine["events"][-1]["reason"] == "The position has been filled"
    assert [m["subject"] for m in mine["messages"]] == [f"About {job_a.title}"]
    assert "sender" not in mine["messages"][0]  # the company speaks, not a person
    answer = bearer(private.applicant).get("/api/v1/me/applications/")
    [theirs] = answer.json()["results"]
    assert theirs["events"][-1]["reason"] == "" and theirs["messages"] == []
    assert "Weak SQL" not in answer.text and "skills" not in answer.text
