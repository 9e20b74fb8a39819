"""REST and GraphQL give the same answer to the same question.

Each test asks both and compares: which jobs are visible, how an invalid
filter is refused (the same messages, by field), and categories as slugs.
"""

import pytest

from board.jobs.models import Category, Job
from board.tests.api.conftest import bearer
from board.tests.factories import CategoryFactory, JobFactory

pytestmark = pytest.mark.django_db

SEARCH = """query($filters: JobFilterInput) {
  jobs(filters: $filters) { totalCount countExact edges { node { databaseId category { slug } } } }
}"""


def _graphql(client, query, variables=None):
    response = client.post(
        "/graphql/", {"query": query, "variables": variables or {}}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_visibility_agrees(client, anon, company_a):
    visible = JobFactory(company=company_a)
    JobFactory(company=company_a, draft=True)
    JobFactory(company=company_a, pending=True)
    JobFactory(company=company_a, status=Job.Status.CLOSED)

    rest = [job["id"] for job in anon.get("/api/v1/jobs/").json()["results"]]
    graph = _graphql(client, SEARCH)["data"]["jobs"]["edges"]

    assert rest == [edge["node"]["databaseId"] for edge in graph] == [visible.pk]


@pytest.mark.parametrize(
    "rest_params,graphql_filters",
    [
        ({"category": "gardening"}, {"category": "gardening"}),
        ({"salary_min": "-5"}, {"salaryMin": -5}),
        ({"posted_within": "5"}, {"postedWithin": 5}),
        ({"category": "gardening", "salary_min": "-5"}, {"category": "gardening", "salaryMin": -5}),
    ],
)
def test_an_invalid_filter_is_refused_with_the_same_messages(
    client, anon, rest_params, graphql_filters
):
    CategoryFactory(slug="backend")
    rest = anon.get("/api/v1/jobs/", rest_params)
    graph = _graphql(client, SEARCH, {"filters": graphql_filters})

    assert rest.status_code == 400
    assert graph["data"] is None
    error = graph["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["fields"] == rest.json()
    assert set(rest.json()) == set(rest_params)  # a message for each bad parameter, by name


def test_category_is_a_slug_when_read_and_written(client, employer_a, job_a):
    backend = CategoryFactory(slug="backend", name="Backend")
    job_a.description = "A long enough description. " * 8
    job_a.save()
    api = bearer(employer_a)

    changed = api.patch(f"/api/v1/employer/jobs/{job_a.pk}/", {"category": "backend"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["category"] == "backend"
    job_a.refresh_from_db()
    assert job_a.category == backend

    read = api.get(f"/api/v1/jobs/{job_a.pk}/").json()["category"]
    graph = _graphql(client, SEARCH, {"filters": {"category": "backend"}})
    assert read == graph["data"]["jobs"]["edges"][0]["node"]["category"]["slug"] == "backend"


def test_category_id_still_accepted_and_unknown_slug_refused(employer_a, job_a):
    job_a.description = "A long enough description. " * 8
    job_a.save()
    backend = CategoryFactory(slug="backend")
    api = bearer(employer_a)

    by_id = api.patch(f"/api/v1/employer/jobs/{job_a.pk}/", {"category": backend.pk})
    assert by_id.status_code == 200
    assert by_id.json()["category"] == "backend"

    unknown = api.patch(f"/api/v1/employer/jobs/{job_a.pk}/", {"category": "gardening"})
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["category"]
    assert Category.objects.filter(slug="gardening").count() == 0


def test_refusals_have_the_same_message(client, seeker_a):
    """A seeker reading the employer's jobs: REST 403 and GraphQL FORBIDDEN, one message."""
    rest = bearer(seeker_a).get("/api/v1/employer/jobs/")
    client.force_login(seeker_a)
    graph = _graphql(client, "{ employerJobs { totalCount } }")

    assert rest.status_code == 403
    assert graph["errors"][0]["message"] == rest.json()["detail"]
    assert graph["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_filters_agree():
    """The GraphQL input and the REST parameters are the search form's filters (sort apart)."""
    from board.graphql.schema import JobFilterInput
    from board.listings.search import SearchForm

    graph = {field.python_name for field in JobFilterInput.__strawberry_definition__.fields}
    assert graph == set(SearchForm.base_fields) - {"sort"}


def test_openapi_parameters_come_from_the_search_form(client):
    from board.listings.search import SearchForm

    schema = client.get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/jobs/"]["get"]["parameters"]
    documented = {p["name"]: p.get("description", "") for p in parameters}
    assert set(documented) == set(SearchForm.base_fields) | {"cursor", "page"}
    assert documented["q"].startswith(SearchForm.base_fields["q"].help_text)


@pytest.mark.parametrize("category", ["back\x00end", "x'; --", "../backend", " backend"])
def test_a_category_that_is_no_slug_is_refused_not_a_500(employer_a, category):
    """Found by schemathesis on PostgreSQL, which refuses a NUL character in a query."""
    api = bearer(employer_a)
    job = {"title": "Backend developer", "description": "A long enough description. " * 8}
    answer = api.post("/api/v1/employer/jobs/", {**job, "category": category}, format="json")
    assert answer.status_code == 400, answer.content
    assert "category" in answer.json()
