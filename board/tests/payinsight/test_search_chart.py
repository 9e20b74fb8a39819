"""The pay chart on /jobs/: which distribution, in which currency, its text
alternative, the threshold, and its cost (one small query, whatever the board's size)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.payinsight.distributions import refresh
from board.payinsight.insight import populations
from board.payinsight.models import PayDistribution
from board.tests.factories import CategoryFactory
from board.tests.jobs.places import make_places
from board.tests.payinsight.helpers import job, set_rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return make_places()


@pytest.fixture
def board(places, settings):
    """Data jobs in Lisbon (4) and Porto (2), design jobs in Berlin (3); a threshold of 3."""
    settings.PAY_INSIGHT_MIN_JOBS = 3
    set_rates(USD="1.25")
    data = CategoryFactory(slug="data", name="Data")
    design = CategoryFactory(slug="design", name="Design")
    for pay in (40_000, 50_000, 60_000, 70_000):
        job(pay, category=data, where="Lisbon", title="Data Analyst")
    for pay in (30_000, 90_000):
        job(pay, category=data, where="Porto", title="Data Engineer")
    for pay in (80_000, 100_000, 120_000):
        job(pay, category=design, where="Berlin", title="Product Designer")
    refresh()


def chart(client, query, **headers):
    html = client.get(f"/jobs/?{query}", **headers).content.decode()
    found = re.search(r'<figure id="pay-insight".*?</figure>', html, re.S)
    return found.group(0) if found else None


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_category_and_city_show_that_population_in_the_chosen_currency(client, board):
    shown = chart(client, "category=data&location=Lisbon&currency=EUR")
    assert "Pay for Data jobs in Lisbon, Portugal" in text(shown)
    assert "From 4 open jobs with a salary" in text(shown)
    # 40,000 / 50,000 / 60,000 / 70,000 €: the median half-way between the middle two.
    assert "Median €55,000" in text(shown)
    assert "not only the jobs your search found" not in shown


def test_amounts_are_converted_from_euros_to_the_searchs_currency(client, board):
    shown = chart(client, "category=data&location=Lisbon&currency=USD")
    assert "Median $69,000" in text(shown)  # 55,000 € × 1.25 = 68,750
    assert "in USD" in text(shown)


def test_the_chart_is_an_image_with_a_title_a_description_and_a_table(client, board):
    shown = chart(client, "category=data&location=Lisbon&currency=EUR")
    svg = re.search(r"<svg[^>]*>", shown).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="pay-chart-title pay-chart-desc"' in svg
    title = re.search(r'<title id="pay-chart-title">(.*?)</title>', shown).group(1)
    assert title == "Pay for Data jobs in Lisbon, Portugal, from 4 jobs"
    desc = re.search(r'<desc id="pay-chart-desc">(.*?)</desc>', shown).group(1)
    assert desc.startswith(
        "Median €55,000; the middle half earn €48,000 to €63,000"
    )  # 47,500 and 62,500
    assert len(re.findall(r"<rect ", shown)) == 12
    assert sum(int(n) for n in re.findall(r'data-jobs="(\d+)"', shown)) == 4
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(\d+)</td></tr>", shown)
    assert len(rows) == 12 and sum(int(n) for _label, n in rows) == 4
    assert "style=" not in shown and "<script" not in shown  # the CSP allows neither


def test_a_small_city_falls_back_to_the_category_in_its_country_and_says_so(client, board):
    shown = chart(client, "category=data&location=Porto&currency=EUR")  # 2 jobs in Porto
    assert "Pay for Data jobs in Portugal" in text(shown)
    assert "From 6 open jobs" in text(shown)
    assert "not only the jobs your search found" in text(shown)


def test_keywords_alone_show_the_whole_board_and_say_so(client, board):
    shown = chart(client, "q=analyst&currency=EUR")
    assert "Pay for all open jobs" in text(shown)
    assert "From 9 open jobs" in text(shown)
    assert "This is the whole board, not only the jobs your search found." in text(shown)


def test_keywords_with_a_category_use_the_category_and_say_so(client, board):
    shown = chart(client, "q=engineer&category=data&currency=EUR")
    assert "Pay for Data jobs" in text(shown) and "From 6 open jobs" in text(shown)
    assert "not only the jobs your search found" in text(shown)


def test_hidden_when_no_population_has_enough_jobs(client, board, settings):
    settings.PAY_INSIGHT_MIN_JOBS = 10  # the whole board has 9
    assert chart(client, "category=data&location=Lisbon") is None
    html = client.get("/jobs/?category=data&location=Lisbon").content.decode()
    assert "Data Analyst" in html  # the results are there, without the chart


def test_hidden_before_any_distribution_is_computed(client, places):
    job(50_000)
    assert chart(client, "") is None


def test_the_htmx_fragment_carries_the_same_chart(client, board):
    query = "category=data&location=Lisbon&currency=EUR"
    full = chart(client, query)
    fragment = chart(client, query, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert fragment == full


def test_fallback_order_most_specific_first(places):
    lisbon = places["lisbon"]
    keys = [p.key for p in populations(("data", "Data"), lisbon)]
    assert keys == [
        f"c:data/p:{lisbon.pk}",
        "c:data/n:PT",
        "c:data",
        f"p:{lisbon.pk}",
        "n:PT",
        "all",
    ]
    assert [p.key for p in populations(("data", "Data"), places["texas"])] == [
        "c:data/n:US",  # a region counts as its country
        "c:data",
        "n:US",
        "all",
    ]
    assert [p.key for p in populations(None, places["eu"])] == ["all"]  # an area has no country
    assert [p.key for p in populations(None, None)] == ["all"]


def search_queries(client, query):
    cache.clear()  # anonymous results are cached (board/listings/caching.py): render them
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/jobs/?{query}").status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_chart_costs_one_small_query_whatever_the_number_of_jobs(client, board):
    query = "category=data&location=Lisbon&currency=EUR"
    few = search_queries(client, query)
    for pay in range(30_000, 130_000, 5_000):
        job(pay, category=CategoryFactory(slug="data"), where="Lisbon", title="Data Analyst")
    refresh()
    many = search_queries(client, query)
    assert len(many) == len(few)
    on_distributions = [sql for sql in many if "board_paydistribution" in sql]
    assert len(on_distributions) == 1
    assert '"key" IN' in on_distributions[0]  # by the unique key: an index lookup
    assert "GROUP BY" not in " ".join(many)  # never an aggregate over the matches
    cache.clear()
    assert "Median €70,000" in text(chart(client, query))  # and it did change


def test_the_chart_adds_exactly_one_query_to_a_search(client, board):
    query = "category=data&location=Lisbon&currency=EUR"
    with_chart = search_queries(client, query)
    PayDistribution.objects.all().delete()
    assert len(search_queries(client, query)) == len(with_chart)  # the lookup, empty


def test_the_rendered_chart_is_reused_only_for_the_same_figures(client, board):
    # Rendered once per distinct insight (board/templatetags/pay_insight.py): the same
    # search again reuses it; another currency or changed figures are another chart.
    from board.templatetags.pay_insight import chart_html

    chart_html.cache_clear()
    euros = chart(client, "category=data&location=Lisbon&currency=EUR")
    assert chart(client, "category=data&location=Lisbon&currency=EUR&sort=newest") == euros
    assert chart_html.cache_info().hits == 1
    dollars = chart(client, "category=data&location=Lisbon&currency=USD")
    assert "Median $69,000" in text(dollars) and "Median €55,000" in text(euros)
    from board.jobs.models import Category

    job(200_000, category=Category.objects.get(slug="data"), where="Lisbon", title="Data Lead")
    refresh()
    cache.clear()  # the anonymous results cache, not the chart's
    again = chart(client, "category=data&location=Lisbon&currency=EUR")
    assert "From 5 open jobs with a salary" in text(again)
