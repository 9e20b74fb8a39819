"""`jobs` sorted by relevance or salary pages as the site's results do (issue 15):
totalCount capped at SEARCH_COUNT_CAP, a list that ends there, no count or
ranking of every match."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from strawberry import relay

from board.tests.factories import CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db

JOBS = """
query Jobs($sort: JobSort, $first: Int, $after: String, $last: Int) {
  jobs(filters: {q: "senior"}, sort: $sort, first: $first, after: $after, last: $last) {
    totalCount countExact
    edges { cursor node { databaseId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def _jobs(count):
    now = timezone.now()
    for index in range(count):
        JobFactory(
            title="Senior Engineer",
            published_at=now - timedelta(hours=index),
            salary_min=40_000,
            salary_max=50_000 + index,
        )


def _answer(gql, **variables):
    answer = gql(JOBS, variables)
    assert "errors" not in answer, answer
    return answer["data"]["jobs"]


def _ids(jobs):
    return [edge["node"]["databaseId"] for edge in jobs["edges"]]


def _cursor(offset):
    return relay.to_base64("arrayconnection", offset)


@pytest.mark.parametrize("sort", ["RELEVANCE", "SALARY"])
@override_settings(SEARCH_COUNT_CAP=5)
def test_counted_up_to_the_cap_and_the_list_ends_there(gql, sort):
    _jobs(8)
    with CaptureQueriesContext(connection) as queries:
        first = _answer(gql, sort=sort, first=3)
    captured = list(queries.captured_queries)
    assert (first["totalCount"], first["countExact"]) == (5, False)
    assert len(first["edges"]) == 3 and first["pageInfo"]["hasNextPage"] is True
    second = _answer(gql, sort=sort, first=3, after=first["pageInfo"]["endCursor"])
    assert [edge["cursor"] for edge in second["edges"]] == [_cursor(3), _cursor(4)]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert not set(_ids(first)) & set(_ids(second))
    assert _answer(gql, sort=sort, first=3, after=_cursor(4))["edges"] == []
    # No window count over every match, and no count is unlimited: it stops at cap + 1
    # or, for a ranked search on PostgreSQL, at as many matches as it would fetch to
    # rank the newest (board/search/ranking.py count_and_newest).
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    ranked_on_postgresql = connection.vendor == "postgresql" and sort == "RELEVANCE"
    assert ranked_on_postgresql or any("LIMIT 6" in sql for sql in counts)
    assert counts and all("LIMIT" in sql and " OVER " not in sql for sql in counts)


@override_settings(SEARCH_COUNT_CAP=5)
def test_any_window_of_the_list(gql):
    _jobs(8)
    everything = _ids(_answer(gql, sort="SALARY", first=5))
    assert len(everything) == 5
    assert _ids(_answer(gql, sort="SALARY", first=2, after=_cursor(0))) == everything[1:3]
    assert _ids(_answer(gql, sort="SALARY", first=3, after=_cursor(1))) == everything[2:5]
    last = _answer(gql, sort="SALARY", last=2)
    assert _ids(last) == everything[3:5]
    assert last["pageInfo"]["hasPreviousPage"] is True
    assert last["pageInfo"]["hasNextPage"] is False


def test_a_narrow_search_is_counted_exactly_in_the_sites_order(gql, client):
    _jobs(4)
    jobs = _answer(gql, sort="SALARY", first=10)
    site = client.get("/jobs/", {"q": "senior", "sort": "salary"}).context["page"]
    assert _ids(jobs) == [job.pk for job in site.object_list]
    assert (jobs["totalCount"], jobs["countExact"]) == (4, True)
    assert jobs["pageInfo"]["hasNextPage"] is False


@override_settings(SEARCH_COUNT_CAP=5)
def test_newest_first_is_counted_up_to_the_cap_without_a_window_and_goes_on(gql):
    _jobs(8)
    with CaptureQueriesContext(connection) as queries:
        first = _answer(gql, sort="NEWEST", first=6)
    captured = list(queries.captured_queries)
    assert (first["totalCount"], first["countExact"]) == (5, False)
    assert len(first["edges"]) == 6 and first["pageInfo"]["hasNextPage"] is True
    rest = _answer(gql, sort="NEWEST", first=6, after=first["pageInfo"]["endCursor"])
    assert len(rest["edges"]) == 2  # offsets go past the cap, newest first
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 6" in sql and " OVER " not in sql for sql in counts)


NESTED = """
query Nested($sort: JobSort) { jobs(filters: {q: "senior"}, sort: $sort, first: 20) {
    edges { node { title company { name openJobs { title } } category { slug }
                   locations { text } remoteWithin { name } } } } }
"""


@pytest.mark.parametrize("sort", ["RELEVANCE", "NEWEST"])
def test_nested_fields_cost_the_same_for_more_jobs(gql, sort):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            answer = gql(NESTED, {"sort": sort})
        assert "errors" not in answer, answer
        return len(captured)

    JobFactory(title="Senior Engineer", company=CompanyFactory())
    queries()  # fills the cached category choices of the search form
    few = queries()
    for _ in range(5):
        JobFactory(title="Senior Engineer", company=CompanyFactory())
    assert queries() == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bounded ranking is PostgreSQL's")
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_broad_search_ranks_only_its_newest_candidates(gql):
    _jobs(8)
    with CaptureQueriesContext(connection) as queries:
        jobs = _answer(gql, sort="RELEVANCE", first=2)
    assert (jobs["totalCount"], jobs["countExact"]) == (4, False)
    ranking = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    assert any('"board_job"."id" IN (' in sql and "LIMIT 3" in sql for sql in ranking)
    assert all("LIMIT" in sql and " OVER " not in sql for sql in ranking)
