"""The jobs connection: the same search as /jobs/, cursor pagination, constant queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from strawberry import relay

from board.jobs.models import Job
from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

JOB_IDS = """
query Jobs($filters: JobFilterInput, $sort: JobSort, $first: Int, $after: String) {
  jobs(filters: $filters, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { databaseId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def ids(answer):
    assert "errors" not in answer, answer
    return [edge["node"]["databaseId"] for edge in answer["data"]["jobs"]["edges"]]


@pytest.fixture
def catalogue():
    """A varied set of visible jobs, and some that must never show."""
    now = timezone.now()
    data = CategoryFactory(slug="data", name="Data")
    acme = CompanyFactory(slug="acme", name="Acme")
    JobFactory(
        title="Senior Python developer",
        workplace="remote",
        experience_level="senior",
        category=data,
        company=acme,
        visa_sponsorship=True,
        salary_max=120000,
    )
    JobFactory(
        title="Junior Python developer",
        workplace="hybrid",
        experience_level="entry",
        city="Paris",
        country="FR",
        employment_type="contract",
        salary_min=30000,
        salary_max=40000,
        published_at=now - timedelta(days=10),
    )
    JobFactory(
        title="Hourly data analyst",
        category=data,
        salary_min=40,
        salary_max=50,
        salary_period="hour",
        workplace="remote",
        city="Lyon",
        country="FR",
    )
    JobFactory(
        title="Office manager",
        salary_min=None,
        salary_max=None,
        company=acme,
        published_at=now - timedelta(days=40),
    )
    JobFactory(title="Remote Python draft", workplace="remote", draft=True)
    JobFactory(title="Remote Python pending", workplace="remote", pending=True)
    JobFactory(title="Remote Python closed", workplace="remote", status=Job.Status.CLOSED)
    JobFactory(title="Remote Python lapsed", workplace="remote", expires_at=now - timedelta(1))


FILTER_CASES = [
    ({}, {}),
    ({"q": "python"}, {"q": "python"}),
    ({"workplace": ["REMOTE", "HYBRID"]}, {"workplace": ["remote", "hybrid"]}),
    ({"q": "developer", "experienceLevel": ["SENIOR"]},
     {"q": "developer", "experience_level": "senior"}),
    ({"location": "france", "salaryMin": 50000}, {"location": "france", "salary_min": "50000"}),
    ({"category": "data", "visa": True}, {"category": "data", "visa": "true"}),
    ({"postedWithin": 7, "employmentType": ["FULL_TIME"]},
     {"posted_within": "7", "employment_type": "full_time"}),
    ({"company": "acme"}, {"company": "acme"}),
]  # fmt: skip


@pytest.mark.parametrize(("filters", "query_string"), FILTER_CASES)
@pytest.mark.parametrize("sort", [None, "SALARY"])
def test_same_jobs_in_the_same_order_as_the_search_page(
    gql, client, catalogue, filters, query_string, sort
):
    # Signed in, so the page renders its results fresh (anonymous ones are cached HTML).
    client.force_login(SeekerFactory())
    params = {**query_string, **({"sort": sort.lower()} if sort else {})}
    page = client.get("/jobs/", params)
    expected = [job.pk for job in page.context["page"].object_list]
    assert expected  # every case finds something, so equality means something

    answer = gql(JOB_IDS, {"filters": filters, "sort": sort, "first": 50})

    assert ids(answer) == expected
    assert answer["data"]["jobs"]["totalCount"] == len(expected)


def test_no_filter_lists_only_visible_jobs(gql, catalogue):
    titles = set(Job.objects.visible().values_list("pk", flat=True))
    assert set(ids(gql(JOB_IDS, {"first": 100}))) == titles
    assert len(titles) == 4


def test_invalid_filter_is_a_clear_error_not_a_wider_search(gql, catalogue):
    answer = gql(JOB_IDS, {"filters": {"category": "no-such-category"}})
    assert answer["data"] is None
    assert "Invalid filters: category" in answer["errors"][0]["message"]

    answer = gql(JOB_IDS, {"filters": {"postedWithin": 5}})
    assert "posted_within" in answer["errors"][0]["message"]


def test_wrong_enum_value_is_refused_by_validation(gql):
    answer = gql(JOB_IDS, {"filters": {"workplace": ["MOON"]}})
    assert answer["data"] is None
    assert "MOON" in answer["errors"][0]["message"]


def test_cursor_pagination_walks_every_job_once(gql):
    JobFactory.create_batch(7)
    expected = list(
        Job.objects.visible().order_by("-published_at", "-id").values_list("pk", flat=True)
    )
    seen, after, pages = [], None, 0
    while True:
        answer = gql(JOB_IDS, {"first": 3, "after": after})
        connection_ = answer["data"]["jobs"]
        seen += ids(answer)
        pages += 1
        assert connection_["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert connection_["pageInfo"]["endCursor"] == connection_["edges"][-1]["cursor"]
        if not connection_["pageInfo"]["hasNextPage"]:
            break
        after = connection_["pageInfo"]["endCursor"]
    assert seen == expected
    assert pages == 3
    assert connection_["totalCount"] == 7


def test_first_page_info(gql):
    JobFactory.create_batch(3)
    info = gql(JOB_IDS, {"first": 2})["data"]["jobs"]["pageInfo"]
    assert info["hasNextPage"] is True
    assert info["hasPreviousPage"] is False
    info = gql(JOB_IDS, {"first": 5})["data"]["jobs"]["pageInfo"]
    assert info["hasNextPage"] is False


NESTED = """
query Nested($first: Int) {
  jobs(first: $first) {
    totalCount
    edges { node {
      id title location salaryPeriod isOpen url
      company { name slug url openJobs { title category { name } } }
      category { name slug }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_query_count_does_not_grow_with_the_page_size(gql):
    for _ in range(60):
        JobFactory(company=CompanyFactory(), category=CategoryFactory())

    gql(NESTED, {"first": 1})  # warm the cached category choices
    counts = {}
    for first in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            answer = gql(NESTED, {"first": first})
        assert "errors" not in answer, answer
        assert len(answer["data"]["jobs"]["edges"]) == first
        counts[first] = len(queries)

    assert counts[5] == counts[50]
    # The page with its count, and the companies' open jobs: a couple of queries,
    # plus the session and category choices, never one per job.
    assert counts[50] <= 6


def test_job_by_global_or_database_id(gql):
    job = JobFactory(title="Findable")
    query = "query($id: ID!) { job(id: $id) { title databaseId } }"
    global_id = str(relay.GlobalID("Job", str(job.pk)))

    assert gql(query, {"id": global_id})["data"]["job"]["title"] == "Findable"
    assert gql(query, {"id": str(job.pk)})["data"]["job"]["databaseId"] == job.pk


@pytest.mark.parametrize(
    "hidden",
    [
        {"draft": True},
        {"pending": True},
        {"status": Job.Status.REJECTED},
        {"status": Job.Status.CLOSED},
        {"expires_at": timezone.now() - timedelta(hours=1)},
    ],
)
def test_job_that_is_not_visible_is_null_like_a_missing_one(gql, client, hidden):
    job = JobFactory(**hidden)
    query = "query($id: ID!) { job(id: $id) { title } }"
    for value in (str(job.pk), str(relay.GlobalID("Job", str(job.pk)))):
        assert gql(query, {"id": value}) == {"data": {"job": None}}
    assert gql(query, {"id": "999999"}) == {"data": {"job": None}}
    # Not through the list either.
    assert job.pk not in ids(gql(JOB_IDS, {"first": 100}))


def test_job_of_another_type_or_garbage_id_is_null(gql):
    job = JobFactory()
    query = "query($id: ID!) { job(id: $id) { title } }"
    too_big = "9" * 30
    for value in (
        str(relay.GlobalID("Company", str(job.company.pk))),
        str(relay.GlobalID("Job", "x")),
        str(relay.GlobalID("Job", too_big)),
        "not-an-id",
        "-1",
        too_big,
        "",
    ):
        assert gql(query, {"id": value}) == {"data": {"job": None}}
