"""`me`, and the employer's jobs and pipeline: the REST API's rules, read-only.

Owner sees their company's jobs and applicants; another employer gets NOT_FOUND
for them, like REST's 404; a seeker FORBIDDEN with REST's 403 message; anonymous
the not-authenticated error.
"""

import pytest
from django.test import Client

from board.accounts.rules import EMPLOYERS_ONLY
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

ME = "{ me { email displayName isSeeker isEmployer company { slug } } }"
EMPLOYER_JOBS = """{ employerJobs { totalCount countExact
  edges { node { databaseId status applicationsTotal } } } }"""
APPLICANTS = """query($job: ID!) { jobApplicants(jobId: $job) {
  totalCount edges { node {
    applicantEmail status allowedMoves resumeUrl job { databaseId } } } } }"""


@pytest.fixture
def pipeline(company, employer):
    job = JobFactory(company=company)
    draft = JobFactory(company=company, draft=True)
    seeker = SeekerFactory(email="sam@example.com")
    ApplicationFactory(job=job, applicant=seeker)
    JobFactory()  # another company's
    return job, draft, seeker


def _as(gql, user, query, variables=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return gql(query, variables, using=client)


def test_me(gql, employer, company, pipeline):
    _job, _draft, seeker = pipeline
    assert _as(gql, None, ME) == {"data": {"me": None}}
    mine = _as(gql, employer, ME)["data"]["me"]
    assert mine["isEmployer"] and not mine["isSeeker"]
    assert mine["company"] == {"slug": company.slug}
    theirs = _as(gql, seeker, ME)["data"]["me"]
    assert theirs == {"email": "sam@example.com", "displayName": seeker.display_name,
                      "isSeeker": True, "isEmployer": False, "company": None}  # fmt: skip


def test_owner_sees_the_company_jobs_and_pipeline(gql, employer, pipeline):
    job, draft, _seeker = pipeline
    jobs = _as(gql, employer, EMPLOYER_JOBS)["data"]["employerJobs"]
    assert jobs["totalCount"] == 2 and jobs["countExact"]
    by_id = {edge["node"]["databaseId"]: edge["node"] for edge in jobs["edges"]}
    assert set(by_id) == {job.pk, draft.pk}
    assert by_id[draft.pk]["status"] == "DRAFT"
    assert by_id[job.pk]["applicationsTotal"] == 1

    answer = _as(gql, employer, APPLICANTS, {"job": str(job.pk)})
    applicants = answer["data"]["jobApplicants"]
    node = applicants["edges"][0]["node"]
    assert node["applicantEmail"] == "sam@example.com"
    assert node["job"] == {"databaseId": job.pk}
    assert "REVIEWING" in node["allowedMoves"]
    assert "/api/v1/resumes/" in node["resumeUrl"]
    path = "/" + node["resumeUrl"].split("://", 1)[1].split("/", 1)[1]
    assert Client().get(path).status_code == 200


def test_other_employer_gets_not_found_for_our_job(gql, other_employer, pipeline):
    job, _draft, _seeker = pipeline
    theirs = _as(gql, other_employer, EMPLOYER_JOBS)["data"]["employerJobs"]
    assert theirs["edges"] == [] or job.pk not in [e["node"]["databaseId"] for e in theirs["edges"]]
    answer = _as(gql, other_employer, APPLICANTS, {"job": str(job.pk)})
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert answer["errors"][0]["message"] == "No Job matches the given query."


def test_seeker_is_forbidden_with_the_rest_message(gql, pipeline):
    job, _draft, seeker = pipeline
    for query, variables in ((EMPLOYER_JOBS, None), (APPLICANTS, {"job": str(job.pk)})):
        error = _as(gql, seeker, query, variables)["errors"][0]
        assert error["message"] == EMPLOYERS_ONLY
        assert error["extensions"]["code"] == "FORBIDDEN"


def test_anonymous_is_not_authenticated(gql, pipeline):
    job, _draft, _seeker = pipeline
    for query, variables in ((EMPLOYER_JOBS, None), (APPLICANTS, {"job": str(job.pk)})):
        answer = _as(gql, None, query, variables)
        assert answer["data"] is None
        assert answer["errors"][0]["message"] == "User is not authenticated."
