"""What one request may cost, and what the endpoint tells strangers about itself."""

import pytest
from graphql import get_introspection_query

from board.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_PAGE_SIZE, MAX_TOKENS
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def only_error(answer):
    """The first error of an answer that was refused as a whole."""
    assert answer.get("data") is None, answer
    return answer["errors"][0]["message"]


def test_page_size_over_the_cap_is_refused(gql):
    JobFactory()
    message = only_error(gql("{ jobs(first: 101) { edges { node { title } } } }"))
    assert message == f"Argument 'first' cannot be higher than {MAX_PAGE_SIZE}."
    assert "errors" not in gql("{ jobs(first: 100) { edges { node { title } } } }")


def test_companies_page_size_is_capped_too(gql):
    message = only_error(gql("{ companies(first: 500) { edges { node { name } } } }"))
    assert "cannot be higher than 100" in message


def test_too_deep_query_is_refused_before_running(gql, django_assert_max_num_queries):
    deep = (
        "{ jobs { edges { node { company { openJobs { company { openJobs { company {"
        " openJobs { title } } } } } } } } } }"
    )
    with django_assert_max_num_queries(1):  # the session at most; no job is read
        message = only_error(gql(deep))
    assert message == f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}"


def test_depth_limit_counts_through_fragments(gql):
    query = """
    query { jobs { edges { node { ...J } } } }
    fragment J on Job {
      company { openJobs { company { openJobs { company { openJobs { id } } } } } }
    }
    """
    assert "exceeds maximum operation depth" in only_error(gql(query))


def test_too_many_aliases_are_refused(gql):
    aliases = " ".join(f"a{n}: categories {{ name }}" for n in range(MAX_ALIASES + 1))
    message = only_error(gql("{ " + aliases + " }"))
    assert "aliases found" in message


def test_too_many_tokens_are_refused(gql):
    fields = " ".join(["title"] * MAX_TOKENS)
    message = only_error(gql("{ jobs { edges { node { " + fields + " } } } }"))
    assert (
        message
        == f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."
    )


def test_unexpected_errors_are_masked_when_not_debug(gql, monkeypatch):
    def crash(filters, sort):
        raise RuntimeError("relation board_job_secret does not exist")

    monkeypatch.setattr("board.graphql.schema.search_jobs", crash)
    answer = gql("{ jobs { edges { node { title } } } }")
    assert answer["errors"][0]["message"] == "Unexpected error."
    assert "board_job_secret" not in str(answer)


def test_batched_requests_are_refused(client):
    response = client.post(
        "/graphql/",
        [{"query": "{ categories { name } }"}] * 50,
        content_type="application/json",
    )
    assert response.status_code == 400


def test_mutation_over_get_is_refused(client):
    job = JobFactory()
    response = client.get("/graphql/", {"query": f'mutation {{ unsaveJob(jobId: "{job.pk}") }}'})
    assert response.status_code == 400
    assert b"mutations are not allowed when using GET" in response.content
    assert not job.saves.exists()


def test_broken_json_is_a_400_not_a_500(client):
    response = client.post("/graphql/", "{not json", content_type="application/json")
    assert response.status_code == 400


INTROSPECTION = "{ __schema { types { name } } }"


def test_introspection_is_off_when_not_debug(gql, settings):
    settings.DEBUG = False
    message = only_error(gql(INTROSPECTION))
    assert "introspection" in message.lower()
    assert "__type" in only_error(gql('{ __type(name: "Job") { name } }'))


def test_introspection_is_on_in_debug(gql, settings):
    settings.DEBUG = True
    names = {t["name"] for t in gql(INTROSPECTION)["data"]["__schema"]["types"]}
    assert {"Job", "Company", "Application", "JobFilterInput"} <= names
    assert "ApplicationNote" not in names


def test_full_introspection_query_fits_the_limits_in_debug(gql, settings):
    # What GraphiQL sends: deep (ofType chains) and long, yet within the limits.
    settings.DEBUG = True
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    assert "errors" not in gql(query)


def test_graphiql_is_not_served_when_not_debug(client, settings):
    settings.DEBUG = False
    response = client.get("/graphql/", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert b"graphiql" not in response.content.lower()


def test_graphiql_in_debug_with_its_own_csp(client, settings):
    settings.DEBUG = True
    response = client.get("/graphql/", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert b"graphiql" in response.content.lower()
    csp = response["Content-Security-Policy"]
    assert "https://unpkg.com" in csp
    assert "frame-ancestors 'none'" in csp
    # GraphiQL sends this cookie back as X-CSRFToken for a signed-in user.
    assert "csrftoken" in response.cookies


def test_answers_are_never_cached(gql, client):
    response = client.post(
        "/graphql/", {"query": "{ categories { name } }"}, content_type="application/json"
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Authorization" in response["Vary"]
