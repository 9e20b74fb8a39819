"""The signed-in user's data: own applications and saved jobs only, never notes;
save and unsave; session with CSRF, or a Bearer token."""

import json
import re

import pytest
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken
from strawberry import relay

from board.applications.models import SavedJob
from board.jobs.models import Job
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    EmployerFactory,
    JobFactory,
    SavedJobFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

MY_APPLICATIONS = """
{ myApplications { id status created job { title isOpen }
    events { fromStatus toStatus created } } }
"""
MY_SAVED = "{ mySavedJobs { savedAt job { databaseId title } } }"
SAVE = "mutation($id: ID!) { saveJob(jobId: $id) { savedAt job { databaseId } } }"
UNSAVE = "mutation($id: ID!) { unsaveJob(jobId: $id) }"


@pytest.fixture
def seeker():
    return SeekerFactory()


def test_anonymous_gets_null_and_an_error_for_personal_fields(gql):
    ApplicationFactory()
    for query, field in ((MY_APPLICATIONS, "myApplications"), (MY_SAVED, "mySavedJobs")):
        answer = gql(query)
        assert answer["data"] == {field: None}
        assert answer["errors"][0]["message"] == "User is not authenticated."


def test_public_fields_still_answer_next_to_a_refused_personal_one(gql):
    JobFactory()
    answer = gql("{ categories { slug } myApplications { status } }")
    assert answer["data"]["myApplications"] is None
    assert answer["data"]["categories"]


def test_my_applications_are_mine_only_with_timeline_and_no_notes(
    gql, client, seeker, company, employer
):
    mine = ApplicationFactory(applicant=seeker, job__title="Mine", job__company=company)
    mine.move_to("reviewing", by=employer)
    ApplicationNoteFactory(application=mine, body="SECRET-NOTE candidate seems nervous")
    ApplicationFactory(job__title="Someone else's")  # another seeker's
    client.force_login(seeker)

    answer = gql(MY_APPLICATIONS)

    assert "errors" not in answer, answer
    applications = answer["data"]["myApplications"]
    assert [a["job"]["title"] for a in applications] == ["Mine"]
    assert applications[0]["status"] == "REVIEWING"
    assert applications[0]["events"] == [
        {
            "fromStatus": "SUBMITTED",
            "toStatus": "REVIEWING",
            "created": applications[0]["events"][0]["created"],
        }
    ]
    raw = json.dumps(answer)
    assert "SECRET-NOTE" not in raw
    assert employer.email not in raw  # who moved it is not shown


def test_my_applications_lists_a_withdrawn_one_and_the_new_one(gql, client, seeker):
    old = ApplicationFactory(applicant=seeker, job__title="Data Engineer")
    old.withdraw()
    ApplicationFactory(applicant=seeker, job=old.job)
    client.force_login(seeker)
    applications = gql(MY_APPLICATIONS)["data"]["myApplications"]
    assert [(a["job"]["title"], a["status"]) for a in applications] == [
        ("Data Engineer", "SUBMITTED"),
        ("Data Engineer", "WITHDRAWN"),
    ]
    assert [e["toStatus"] for e in applications[1]["events"]] == ["WITHDRAWN"]


def test_the_schema_has_no_way_to_notes_resumes_or_actors(settings):
    from board.graphql.schema import schema

    # The employer's side (test_employer.py) shows its applicants, as REST does; everything
    # else, a seeker's own applications included, never reaches these.
    sdl = schema.as_str()
    for employer_only in ("type Me ", "type EmployerJob ", "type Applicant "):
        start = sdl.index(employer_only)
        sdl = sdl[:start] + sdl[sdl.index("}", start) + 1 :]
    sdl = re.sub(r'"""[^"]*"""\s*(employerJobs|jobApplicants)\([^)]*\)[^\n]*', "", sdl)
    # applyToJob *takes* a cover letter (an input); it reads none back.
    sdl = re.sub(r'"""[^"]*"""\s*applyToJob\([^)]*\)[^\n]*', "", sdl)
    # deleteAccount *takes* the password or e-mail address to confirm (issue 17).
    sdl = re.sub(r'"""[^"]*"""\s*deleteAccount\([^)]*\)[^\n]*', "", sdl)
    for private in ("note", "Note", "resume", "coverLetter", "actor", "rejectionReason",
                    "postedBy", "email", "memberships"):  # fmt: skip
        assert private not in sdl, private


def test_other_users_applications_are_not_reachable_by_id(gql, client, seeker):
    other = ApplicationFactory()
    client.force_login(seeker)
    # Application is a Node, but there is no node() field to fetch one by id.
    global_id = str(relay.GlobalID("Application", str(other.pk)))
    answer = gql("query($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    assert answer["data"] is None
    assert "Cannot query field 'node'" in answer["errors"][0]["message"]


def test_employer_sees_no_applicants_through_my_applications(gql, client, company, employer):
    ApplicationFactory(job__company=company)
    client.force_login(employer)
    assert gql(MY_APPLICATIONS) == {"data": {"myApplications": []}}


def test_my_saved_jobs_mine_only_and_not_unpublished(gql, client, seeker):
    live = SavedJobFactory(user=seeker, job__title="Live")
    SavedJobFactory(user=seeker, job__title="Closed", job__status=Job.Status.CLOSED)
    held = SavedJobFactory(user=seeker, job__title="Held")
    Job.objects.filter(pk=held.job_id).update(status=Job.Status.PENDING)
    SavedJobFactory(job__title="Not mine")
    client.force_login(seeker)

    saved = gql(MY_SAVED)["data"]["mySavedJobs"]

    assert sorted(s["job"]["title"] for s in saved) == ["Closed", "Live"]
    assert live.job.pk in [s["job"]["databaseId"] for s in saved]


def test_save_and_unsave(gql, client, seeker):
    job = JobFactory()
    client.force_login(seeker)

    answer = gql(SAVE, {"id": str(job.pk)})
    assert answer["data"]["saveJob"]["job"]["databaseId"] == job.pk
    # Twice is fine and still one row; a global id works too.
    gql(SAVE, {"id": str(relay.GlobalID("Job", str(job.pk)))})
    assert SavedJob.objects.filter(user=seeker, job=job).count() == 1

    assert gql(UNSAVE, {"id": str(job.pk)}) == {"data": {"unsaveJob": True}}
    assert gql(UNSAVE, {"id": str(job.pk)}) == {"data": {"unsaveJob": False}}
    assert not SavedJob.objects.exists()


def test_unsave_only_touches_my_own_saves(gql, client, seeker):
    theirs = SavedJobFactory()
    client.force_login(seeker)
    assert gql(UNSAVE, {"id": str(theirs.job_id)}) == {"data": {"unsaveJob": False}}
    assert SavedJob.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("hidden", [{"draft": True}, {"pending": True}, {"status": "closed"}])
def test_cannot_save_a_job_that_is_not_visible(gql, client, seeker, hidden):
    job = JobFactory(**hidden)
    client.force_login(seeker)
    answer = gql(SAVE, {"id": str(job.pk)})
    assert answer["data"] is None
    assert answer["errors"][0]["message"] == "Job not found."
    # Same answer as a job that does not exist.
    assert gql(SAVE, {"id": "999999"})["errors"][0]["message"] == "Job not found."
    assert not SavedJob.objects.exists()


def test_anonymous_cannot_save_or_unsave(gql):
    saved = SavedJobFactory()
    assert gql(SAVE, {"id": str(JobFactory().pk)})["errors"][0]["message"] == (
        "User is not authenticated."
    )
    assert gql(UNSAVE, {"id": str(saved.job_id)})["errors"][0]["message"] == (
        "User is not authenticated."
    )
    assert SavedJob.objects.count() == 1


# CSRF: a session acting through the browser needs the token; nothing else does.


def post(client, query, variables=None, **headers):
    return client.post(
        "/graphql/",
        {"query": query, "variables": variables or {}},
        content_type="application/json",
        headers=headers,
    )


def test_signed_in_post_without_csrf_token_is_refused(seeker):
    job = JobFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(seeker)

    response = post(browser, SAVE, {"id": str(job.pk)})
    assert response.status_code == 403
    assert not SavedJob.objects.exists()
    # Reading personal data by POST is refused the same way.
    assert post(browser, MY_SAVED).status_code == 403


def test_signed_in_post_with_csrf_token_works(seeker):
    job = JobFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(seeker)
    browser.get("/jobs/")  # sets the CSRF cookie, as any page does
    token = browser.cookies["csrftoken"].value

    response = post(browser, SAVE, {"id": str(job.pk)}, **{"X-CSRFToken": token})
    assert response.status_code == 200
    assert SavedJob.objects.filter(user=seeker, job=job).exists()


def test_anonymous_post_needs_no_csrf_token():
    JobFactory()
    stranger = Client(enforce_csrf_checks=True)
    response = post(stranger, "{ jobs(first: 1) { edges { node { title } } } }")
    assert response.status_code == 200
    assert response.json()["data"]["jobs"]["edges"]


def test_bearer_token_needs_no_csrf_and_ignores_the_session(seeker):
    token = str(AccessToken.for_user(seeker))
    other = SeekerFactory()
    SavedJobFactory(user=seeker, job__title="Seeker's")
    SavedJobFactory(user=other, job__title="Other's")
    api = Client(enforce_csrf_checks=True)
    api.force_login(other)  # a session for someone else: the token wins

    response = post(api, MY_SAVED, Authorization=f"Bearer {token}")

    assert response.status_code == 200
    assert [s["job"]["title"] for s in response.json()["data"]["mySavedJobs"]] == ["Seeker's"]


def test_bearer_token_can_save(seeker):
    job = JobFactory()
    token = str(AccessToken.for_user(seeker))
    response = post(Client(), SAVE, {"id": str(job.pk)}, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    assert SavedJob.objects.filter(user=seeker, job=job).exists()


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer a b"])
def test_bad_bearer_token_is_a_401(header):
    response = post(Client(), MY_SAVED, Authorization=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["message"] == "Invalid or expired access token."


def test_inactive_users_token_is_refused(seeker):
    token = str(AccessToken.for_user(seeker))
    seeker.is_active = False
    seeker.save()
    assert post(Client(), MY_SAVED, Authorization=f"Bearer {token}").status_code == 401


def test_employer_account_token_works_for_its_own_empty_lists():
    token = str(AccessToken.for_user(EmployerFactory()))
    response = post(Client(), MY_APPLICATIONS, Authorization=f"Bearer {token}")
    assert response.json() == {"data": {"myApplications": []}}
