"""The job search sorted by relevance or salary pages as the site's results do
(issue 15): a count capped at SEARCH_COUNT_CAP, pages that end there, and a
broad search that ranks only its newest candidates (PostgreSQL)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

JOBS = "/api/v1/jobs/"


def _jobs(count, **fields):
    now = timezone.now()
    for index in range(count):
        JobFactory(
            published_at=now - timedelta(hours=index),
            salary_min=40_000,
            salary_max=50_000 + index,
            **fields,
        )


def _counts(queries):
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize("sort", ["relevance", "salary"])
@override_settings(SEARCH_COUNT_CAP=40)
def test_a_score_sorted_search_is_counted_up_to_the_cap_and_ends_there(anon, sort):
    _jobs(45, title="Senior Engineer")
    params = {"q": "senior", "sort": sort}
    with CaptureQueriesContext(connection) as queries:
        first = anon.get(JOBS, params).json()
    captured = list(queries.captured_queries)
    assert (first["count"], first["count_exact"]) == (40, False)
    assert len(first["results"]) == 20 and "page=2" in first["next"]
    second = anon.get(JOBS, {**params, "page": 2}).json()
    assert second["next"] is None and len(second["results"]) == 20
    # No page past the cap, as on the site: the 45th job is not reached by number.
    assert anon.get(JOBS, {**params, "page": 3}).status_code == 404
    # The total stops at cap + 1; no count is unlimited (PostgreSQL's broad-search
    # statement also counts the matches it fetched, under a limit of its own).
    assert any("LIMIT 41" in sql for sql in _counts(captured))
    assert all("LIMIT" in sql for sql in _counts(captured))


@override_settings(SEARCH_COUNT_CAP=40)
def test_a_narrow_search_is_counted_exactly_and_past_its_last_page_is_404(anon):
    _jobs(3, title="Payroll Specialist")
    page = anon.get(JOBS, {"q": "payroll", "sort": "salary"}).json()
    assert (page["count"], page["count_exact"], page["next"]) == (3, True, None)
    for number in ("2", "0", "-1", "x", "99"):
        response = anon.get(JOBS, {"q": "payroll", "sort": "salary", "page": number})
        assert response.status_code == 404, number
        assert response.json() == {"detail": "Invalid page."}
    last = anon.get(JOBS, {"q": "payroll", "sort": "salary", "page": "last"}).json()
    assert len(last["results"]) == 3


@override_settings(SEARCH_COUNT_CAP=40)
def test_salary_order_and_the_site_agree(anon, client):
    _jobs(25, title="Senior Engineer")
    api = anon.get(JOBS, {"q": "senior", "sort": "salary", "page": 2}).json()
    site = client.get("/jobs/", {"q": "senior", "sort": "salary", "page": 2})
    assert [job["id"] for job in api["results"]] == [
        job.pk for job in site.context["page"].object_list
    ]


@override_settings(SEARCH_COUNT_CAP=3)
def test_newest_first_is_counted_up_to_the_search_cap_and_the_cursor_goes_on(anon):
    _jobs(5, title="Senior Engineer")
    with CaptureQueriesContext(connection) as queries:
        page = anon.get(JOBS, {"q": "senior", "sort": "newest"}).json()
    assert (page["count"], page["count_exact"], len(page["results"])) == (3, False, 5)
    # Counted as ids, unordered and unranked.
    (count,) = _counts(queries.captured_queries)
    assert "LIMIT 4" in count and "ORDER BY" not in count and "rank" not in count.lower()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bounded ranking is PostgreSQL's")
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_broad_search_ranks_only_its_newest_candidates(anon):
    _jobs(8, title="Senior Engineer")
    with CaptureQueriesContext(connection) as queries:
        page = anon.get(JOBS, {"q": "senior"}).json()
    assert (page["count"], page["count_exact"]) == (4, False)
    ranking = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
    # The count gates the exact ranking (one statement, capped) and keeps the newest
    # three, which are then ranked by id: no query ranks every match for an ORDER BY.
    three = re.compile(r'"board_job"\."id" IN \(\d+, \d+, \d+\)')
    by_ids = [sql for sql in ranking if three.search(sql)]
    assert by_ids and all("LIMIT" in sql or sql in by_ids for sql in ranking)
