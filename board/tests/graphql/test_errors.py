"""Client mistakes are answered clearly and logged quietly; server errors are masked
and logged loudly. Anyone can send a bad query, so a bad query must never fill the
error log with tracebacks."""

import base64
import logging

import pytest
from django.test import Client

from board.api.authentication import StampedRefreshToken
from board.graphql.schema import MAX_DEPTH
from board.tests.factories import CompanyFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

JOB_COMPANY_OPEN_JOBS = "query($id: ID!) { job(id: $id) { company { openJobs { title } } } }"
NESTED_OPEN_JOBS = (
    "{ jobs { edges { node { company { openJobs { title company { openJobs { title } } } } } } } }"
)


def cursor(text):
    return base64.b64encode(text.encode()).decode()


BAD_CURSORS = [
    "garbage",
    "!!!",
    cursor("arrayconnection:abc"),
    cursor("arrayconnection:-5"),
    cursor("arrayconnection:99999999999999999999999"),
    cursor("somethingelse:3"),
    cursor("arrayconnection:٣"),  # a digit, but not an ASCII one
]
# (query, variables, the message the client gets)
CLIENT_MISTAKES = [
    ("{ nosuchfield }", None, "Cannot query field 'nosuchfield' on type 'Query'."),
    ("{ jobs(", None, "Syntax Error"),
    ("{ myApplications { status } }", None, "User is not authenticated."),
    ("{ jobs(filters: {postedWithin: 5}) { totalCount } }", None, "Invalid filters: posted_within"),
    ("{ jobs(first: 101) { totalCount } }", None, "Argument 'first' cannot be higher than 100."),
    ("{ jobs(last: -1) { totalCount } }", None, "Argument 'last' must be a non-negative integer."),
    (
        "query($a: String) { jobs(after: $a) { totalCount } }",
        {"a": "garbage"},
        "Argument 'after' is not a valid cursor.",
    ),
    (
        'mutation { saveJob(jobId: "999999") { savedAt } }',
        None,
        "User is not authenticated.",
    ),
    (
        "{ a: jobs { edges { node { company { openJobs { company { openJobs { company {"
        " openJobs { title } } } } } } } } } }",
        None,
        f"exceeds maximum operation depth of {MAX_DEPTH}",
    ),
]


def assert_quiet(caplog):
    """Nothing above INFO, and no traceback, for a client's mistake."""
    loud = [r for r in caplog.records if r.levelno > logging.INFO or r.exc_info]
    assert not loud, [(r.name, r.levelname, r.getMessage()[:80]) for r in loud]


def test_a_jobs_company_lists_its_open_jobs(gql):
    job = JobFactory(title="Welder")
    JobFactory(company=job.company, title="Fitter")
    JobFactory(company=job.company, title="Draft", draft=True)
    answer = gql(JOB_COMPANY_OPEN_JOBS, {"id": str(job.pk)})
    assert "errors" not in answer, answer
    titles = {j["title"] for j in answer["data"]["job"]["company"]["openJobs"]}
    assert titles == {"Welder", "Fitter"}


def test_open_jobs_inside_open_jobs_answer_with_bounded_queries(gql, django_assert_max_num_queries):
    for company in CompanyFactory.create_batch(3):
        JobFactory.create_batch(3, company=company)
    with django_assert_max_num_queries(6):  # the page, the prefetch, one per company
        answer = gql(NESTED_OPEN_JOBS)
    assert "errors" not in answer, answer
    edges = answer["data"]["jobs"]["edges"]
    assert len(edges) == 9
    inner = edges[0]["node"]["company"]["openJobs"][0]["company"]["openJobs"]
    assert len(inner) == 3


@pytest.mark.parametrize("bad", BAD_CURSORS)
@pytest.mark.parametrize("argument", ["after", "before"])
def test_a_bad_cursor_is_the_clients_mistake(gql, caplog, bad, argument):
    JobFactory()
    caplog.set_level(logging.INFO)
    query = f"query($c: String) {{ jobs({argument}: $c) {{ edges {{ node {{ title }} }} }} }}"
    answer = gql(query, {"c": bad})
    assert answer["errors"][0]["message"] == f"Argument '{argument}' is not a valid cursor."
    assert_quiet(caplog)


def test_a_real_cursor_still_pages(gql):
    JobFactory.create_batch(3)
    first = gql("{ jobs(first: 2) { pageInfo { endCursor } } }")
    after = first["data"]["jobs"]["pageInfo"]["endCursor"]
    page = gql(
        "query($a: String) { jobs(first: 2, after: $a) { edges { node { title } } } }",
        {"a": after},
    )
    assert "errors" not in page
    assert len(page["data"]["jobs"]["edges"]) == 1


@pytest.mark.parametrize(("query", "variables", "message"), CLIENT_MISTAKES)
def test_client_mistakes_get_their_message_and_an_info_line(gql, caplog, query, variables, message):
    caplog.set_level(logging.DEBUG)
    answer = gql(query, variables)
    assert message in answer["errors"][0]["message"]
    assert_quiet(caplog)
    assert any(r.name == "board.graphql.errors" for r in caplog.records)


def test_a_signed_in_users_mistake_is_quiet_too(client, gql, caplog):
    client.force_login(SeekerFactory())
    caplog.set_level(logging.INFO)
    answer = gql('mutation { saveJob(jobId: "999999") { savedAt } }')
    assert answer["errors"][0]["message"] == "Job not found."
    assert_quiet(caplog)


def test_a_server_error_is_masked_and_logged_with_its_traceback(gql, caplog, monkeypatch):
    def crash(filters, sort):
        raise ValueError("invalid literal for int() with base 10: 'secret_column'")

    monkeypatch.setattr("board.graphql.schema.search_jobs", crash)
    answer = gql("{ jobs { edges { node { title } } } }")
    assert answer["errors"][0]["message"] == "Unexpected error."
    assert "secret_column" not in str(answer)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info


def test_a_revoked_bearer_token_is_a_401():
    user = SeekerFactory()
    user.sign_out_everywhere()
    access = str(StampedRefreshToken.for_user(user).access_token)
    headers = {"Authorization": f"Bearer {access}"}
    query = {"query": "{ mySavedJobs { savedAt } }"}
    ok = Client().post("/graphql/", query, content_type="application/json", headers=headers)
    assert ok.status_code == 200 and "errors" not in ok.json()
    user.sign_out_everywhere()
    refused = Client().post("/graphql/", query, content_type="application/json", headers=headers)
    assert refused.status_code == 401
