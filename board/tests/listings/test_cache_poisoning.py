"""Cache poisoning: what one visitor's odd query string caches never changes what the next
visitor is shown.

Each case is (attacker's query string, victim's query string). The test renders both fresh,
then sends them one after the other in both orders through the cache and checks that each
visitor still sees exactly the fresh results. Before the listing cache was keyed on the
search's cleaned values, `?q=python&q=` (which searches for nothing) was stored under the key
of `?q=python`. board/tests/integration/test_cache_poisoning_redis.py runs the same cases on
a real Redis.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db

JOBS = reverse("job_list")
HOME = reverse("home")
HTMX = {"HX-Request": "true", "HX-Target": "results"}
RESULTS = re.compile(r'<section id="results".*?</section>', re.S)
LONG = "x" * 10_000

CASES = [
    # A repeated parameter with a blank last value: the search uses the blank one.
    ("q=python&q=", "q=python"),
    ("location=paris&location=", "location=paris"),
    ("category=food&category=", "category=food"),
    ("salary_min=50000&salary_min=", "salary_min=50000"),
    ("visa=on&visa=", "visa=on"),
    ("company=acme&company=", "company=acme"),
    ("posted_within=3&posted_within=", "posted_within=3"),
    ("sort=salary&sort=", "sort=salary"),
    # Two values: the last one counts.
    ("q=ruby&q=python", "q=ruby"),
    ("q=python&q=ruby", "q=ruby"),
    # Unknown parameters, odd case, equivalent spellings.
    ("q=python&utm_source=%3Cb%3Eevil&next=//evil.example", "q=python"),
    ("Q=python", "q=python"),
    ("q=PYTHON", "q=python"),
    ("location=%20paris%20", "location=paris"),
    ("salary_min=5e4", "salary_min=50000"),
    ("workplace=remote&workplace=remote&workplace=hybrid", "workplace=hybrid&workplace=remote"),
    ("page=1", ""),
    ("page=1&page=2", ""),
    # Invalid input: never cached, never an error.
    ("q=python%00", "q=python"),
    (f"q={LONG}", ""),
    (f"location={LONG}", ""),
    ("workplace=REMOTE", ""),
    ("salary_min=-1", ""),
]


@pytest.fixture
def jobs():
    software = CategoryFactory(name="Software", slug="software")
    food = CategoryFactory(name="Food", slug="food")
    acme = CompanyFactory(name="Acme", slug="acme")
    now = timezone.now()
    JobFactory(
        title="Python Developer", workplace="remote", category=software, company=acme,
        salary_min=90000, salary_max=100000, visa_sponsorship=True,
    )  # fmt: skip
    JobFactory(
        title="Night Baker", workplace="on_site", city="Paris", country="FR", category=food,
        salary_min=None, salary_max=None, published_at=now - timedelta(days=10),
    )  # fmt: skip
    JobFactory(
        title="Ruby Engineer", workplace="hybrid", city="Munich", category=software,
        salary_min=40000, salary_max=45000, published_at=now - timedelta(days=2),
    )  # fmt: skip


def results(client, query, headers=None):
    # follow: the page may first redirect to the query without its blank values
    # (htmx requests are not redirected, so test_the_htmx_results... sends those).
    response = client.get(f"{JOBS}?{query}", headers=headers or {}, follow=True)
    assert response.status_code == 200, query
    return RESULTS.search(response.text).group()


def assert_not_poisoned(client, attacker, victim, headers=None):
    cache.clear()
    fresh_victim = results(client, victim, headers)
    cache.clear()
    fresh_attacker = results(client, attacker, headers)
    for first, second, expected in [
        (attacker, victim, fresh_victim),  # the attacker fills the cache, the victim reads
        (victim, attacker, fresh_attacker),  # and the other way round
    ]:
        cache.clear()
        results(client, first, headers)
        assert results(client, second, headers) == expected, f"after {first!r}: {second!r}"


@pytest.mark.usefixtures("jobs")
@pytest.mark.parametrize(("attacker", "victim"), CASES)
def test_one_visitors_query_never_changes_anothers_results(client, attacker, victim):
    assert_not_poisoned(client, attacker, victim)


@pytest.mark.usefixtures("jobs")
def test_the_htmx_results_cannot_be_poisoned_either(client):
    assert_not_poisoned(client, "q=python&q=", "q=python", headers=HTMX)
    assert_not_poisoned(client, "location=paris&location=", "location=paris", headers=HTMX)


@pytest.mark.usefixtures("jobs")
def test_equivalent_searches_still_share_one_entry(client, django_assert_num_queries):
    client.get(f"{JOBS}?workplace=remote&workplace=hybrid&salary_min=50000")
    for query in [
        "workplace=hybrid&workplace=remote&salary_min=50000",
        "salary_min=5e4&workplace=remote&workplace=hybrid&page=1",
        "workplace=remote&workplace=hybrid&workplace=remote&salary_min=50000.0&utm_source=x",
    ]:
        with django_assert_num_queries(0):
            client.get(f"{JOBS}?{query}")


@pytest.mark.usefixtures("jobs")
def test_a_shared_entry_links_only_to_the_search_itself(client):
    # The second visitor reads the entry the first one filled: its chips, page links and
    # sign-in links must carry the search, not the first visitor's extra parameters.
    client.get(f"{JOBS}?q=python&utm_source=evil&workplace=remote&workplace=remote")
    html = results(client, "q=python&workplace=remote")
    assert "evil" not in html and "utm_source" not in html
    assert "next=/jobs/%3Fq%3Dpython%26workplace%3Dremote" in html


@pytest.mark.usefixtures("jobs")
def test_the_home_page_latest_jobs_carry_no_visitors_parameters(client):
    client.get(f"{HOME}?utm_source=")  # blank: it used to share the entry of the bare page
    client.get(f"{HOME}?utm_source=evil")
    html = client.get(HOME).text
    assert "utm_source" not in html and "evil" not in html
    assert 'href="/accounts/login/?next=/"' in html
