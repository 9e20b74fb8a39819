"""Cache poisoning on a real Redis: the cases of board/tests/test_cache_poisoning.py, with the
cache configured as in production (site_config/settings.py with REDIS_URL)."""

import pytest
import redis

from board.tests.integration.conftest import REDIS_TEST_URL
from board.tests.listings.test_cache_poisoning import (  # noqa: F401
    CASES,
    HTMX,
    JOBS,
    assert_not_poisoned,
    jobs,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("jobs", "redis_cache")
@pytest.mark.parametrize(("attacker", "victim"), CASES)
def test_one_visitors_query_never_changes_anothers_results(client, attacker, victim):
    assert_not_poisoned(client, attacker, victim)


@pytest.mark.usefixtures("jobs", "redis_cache")
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_htmx_results_cannot_be_poisoned_either(client, headers):
    assert_not_poisoned(client, "q=python&q=", "q=python", headers=headers)


@pytest.mark.usefixtures("jobs", "redis_cache")
def test_the_poisoned_request_is_stored_apart_in_redis(client):
    # htmx requests, which the page does not redirect to a query without blanks.
    client.get(f"{JOBS}?q=python&q=", headers=HTMX)  # searches for nothing
    client.get(f"{JOBS}?q=python", headers=HTMX)
    keys = redis.Redis.from_url(REDIS_TEST_URL).keys("nexus-test:*job-results*")
    assert len(keys) == 2
    assert "Night Baker" not in client.get(f"{JOBS}?q=python", headers=HTMX).text
