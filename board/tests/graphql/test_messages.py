"""GraphQL: bulk moves and messages for the employer; messages and shared reasons
for the seeker. The same rules and words as REST (board/tests/api/test_messages.py)."""

import pytest
from django.test import Client
from strawberry import relay

from board.accounts.rules import EMPLOYERS_ONLY
from board.applications import bulk
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = Application.Status

BULK = """mutation($ids: [ID!]!, $status: ApplicationStatus!, $reason: RejectionReason,
  $share: Boolean! = false, $subject: String! = "", $body: String! = "") {
  bulkMoveApplications(ids: $ids, status: $status, reason: $reason, shareReason: $share,
    subject: $subject, body: $body) {
    moved { id status } refused { id status detail } notFound } }"""
SEND = """mutation($id: ID!, $subject: String!, $body: String!) {
  sendApplicationMessage(applicationId: $id, subject: $subject, body: $body) { subject body } }"""
MINE = """{ myApplications { status events { toStatus reason } messages { subject body } } }"""


@pytest.fixture
def applications(company):
    job = JobFactory(company=company, title="Data Engineer")
    return [ApplicationFactory(job=job, status=s) for s in (S.SUBMITTED, S.HIRED)]


def _as(gql, user, query, variables=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return gql(query, variables, using=client)


def user_for(role, company, applications):
    return {
        "owner": lambda: MembershipFactory(company=company).user,
        "recruiter": lambda: MembershipFactory(company=company, role="recruiter").user,
        "other company": lambda: MembershipFactory().user,
        "seeker": lambda: applications[0].applicant,
        "anonymous": lambda: None,
    }[role]()


@pytest.mark.parametrize("role", ["owner", "recruiter"])
def test_members_bulk_reject_by_plain_or_global_id(gql, company, applications, role):
    new, hired = applications
    foreign = ApplicationFactory()
    global_id = relay.to_base64("Applicant", new.pk)
    answer = _as(
        gql,
        user_for(role, company, applications),
        BULK,
        {
            "ids": [global_id, str(hired.pk), str(foreign.pk), "Sm9iOjE="],
            "status": "REJECTED",
            "reason": "FILLED",
            "share": True,
            "subject": "About {job_title}",
            "body": "Dear {applicant_name}",
        },
    )
    result = answer["data"]["bulkMoveApplications"]
    assert result["moved"] == [{"id": str(new.pk), "status": "REJECTED"}]
    assert result["refused"] == [
        {
            "id": str(hired.pk),
            "status": "HIRED",
            "detail": "An application that is hired cannot move to that status.",
        }
    ]
    assert result["notFound"] == [str(foreign.pk), "Sm9iOjE="]  # a Job's id is no application
    foreign.refresh_from_db()
    assert foreign.status == S.SUBMITTED


def test_the_refusals_read_as_rest_does(gql, company, applications):
    owner = user_for("owner", company, applications)
    variables = {"ids": [str(applications[0].pk)], "status": "REJECTED"}
    error = _as(gql, owner, BULK, variables)["errors"][0]
    assert (error["message"], error["extensions"]["code"]) == (
        "Choose a reason for the rejection.",
        "BAD_USER_INPUT",
    )
    variables = {"ids": [str(pk) for pk in range(1, 202)], "status": "REVIEWING"}
    error = _as(gql, owner, BULK, variables)["errors"][0]
    assert "at most 200" in error["message"]
    assert not applications[0].events.exists()


@pytest.mark.parametrize(
    "role,code",
    [("other company", None), ("seeker", "FORBIDDEN"), ("anonymous", "UNAUTHENTICATED")],
)
def test_others_move_and_send_nothing(gql, company, applications, role, code):
    user = user_for(role, company, applications)
    ids = [str(a.pk) for a in applications]
    answer = _as(gql, user, BULK, {"ids": ids, "status": "REVIEWING"})
    if role == "other company":
        assert answer["data"]["bulkMoveApplications"]["notFound"] == ids
    else:
        assert answer["data"] is None
        if code == "FORBIDDEN":
            assert answer["errors"][0]["message"] == EMPLOYERS_ONLY
    answer = _as(gql, user, SEND, {"id": ids[0], "subject": "Hi", "body": "Hi"})
    assert answer["data"] is None
    if role == "other company":
        assert answer["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert [a.status for a in Application.objects.order_by("pk")] == [S.SUBMITTED, S.HIRED]
    assert not ApplicationMessage.objects.exists()


@pytest.mark.parametrize("role", ["owner", "recruiter"])
def test_members_send_a_message(gql, company, applications, role):
    application = applications[0]
    answer = _as(
        gql,
        user_for(role, company, applications),
        SEND,
        {"id": str(application.pk), "subject": "Hi", "body": "Dear {applicant_name}"},
    )
    assert answer["data"]["sendApplicationMessage"]["body"] == (
        f"Dear {application.applicant.display_name}"
    )


def test_a_hostile_placeholder_is_bad_user_input(gql, company, applications):
    answer = _as(
        gql,
        user_for("owner", company, applications),
        SEND,
        {"id": str(applications[0].pk), "subject": "Hi", "body": "{0.__class__}"},
    )
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Unknown placeholder" in answer["errors"][0]["message"]


def test_the_seeker_reads_messages_and_only_shared_reasons(gql, company):
    job = JobFactory(company=company)
    owner = MembershipFactory(company=company).user
    shared, private = ApplicationFactory(job=job), ApplicationFactory(job=job)
    bulk.move_applications(
        owner,
        [shared.pk],
        S.REJECTED,
        reason="filled",
        share_reason=True,
        reason_text="Hired inside",
        subject="S",
        body="Thanks",
    )
    bulk.move_applications(owner, [private.pk], S.REJECTED, reason="skills", reason_text="Weak SQL")
    [mine] = _as(gql, shared.applicant, MINE)["data"]["myApplications"]
    assert mine["events"] == [
        {"toStatus": "REJECTED", "reason": "The position has been filled: Hired inside"}
    ]
    assert mine["messages"] == [{"subject": "S", "body": "Thanks"}]
    answer = _as(gql, private.applicant, MINE)
    assert answer["data"]["myApplications"][0]["events"][0]["reason"] == ""
    assert "Weak SQL" not in str(answer)
