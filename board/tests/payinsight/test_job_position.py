"""Where a job's pay sits on its page: above, around or below the median of its
category where it is, compared as yearly euros, only with enough jobs to say so."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.payinsight.distributions import refresh
from board.payinsight.models import PayDistribution
from board.tests.factories import CategoryFactory
from board.tests.jobs.places import make_places
from board.tests.payinsight.helpers import job, set_rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return CategoryFactory(slug="data", name="Data")


@pytest.fixture
def lisbon_jobs(settings, data):
    """Data jobs in Lisbon paying 40,000 … 80,000 € (median 60,000; quartiles 50,000 and
    70,000; deciles 44,000 and 76,000)."""
    make_places()
    settings.PAY_INSIGHT_MIN_JOBS = 5
    set_rates(USD="1.25")
    made = {pay: job(pay, category=data, where="Lisbon") for pay in range(40_000, 90_000, 10_000)}
    refresh()
    return made


def sentence(client, job):
    html = client.get(job.get_absolute_url()).content.decode()
    found = re.search(r'<p id="pay-position"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


@pytest.mark.parametrize(
    ("pay", "said"),
    [
        (80_000, "Pay above the median for Data jobs in Lisbon, Portugal, in the top 10 %"),
        (70_000, "Pay above the median for Data jobs in Lisbon, Portugal, in the top quarter"),
        (60_000, "Pay around the median for Data jobs in Lisbon, Portugal ("),
        (50_000, "Pay below the median for Data jobs in Lisbon, Portugal, in the bottom quarter"),
        (40_000, "Pay below the median for Data jobs in Lisbon, Portugal, in the bottom 10 %"),
    ],
)
def test_above_around_and_below_the_median(client, lisbon_jobs, pay, said):
    found = sentence(client, lisbon_jobs[pay])
    assert found.startswith(said)
    assert "(median €60,000 a year, from 5 open jobs with a salary" in found


def test_near_the_median_reads_as_around_it(client, lisbon_jobs, data):
    # 62,000 €: within 5 % of the median, not "above" it. Not in the distribution
    # (computed before), which is what a job posted since the last refresh sees.
    assert sentence(client, job(62_000, category=data, where="Lisbon")).startswith(
        "Pay around the median"
    )
    assert sentence(client, job(65_000, category=data, where="Lisbon")).startswith(
        "Pay above the median for Data jobs in Lisbon, Portugal ("  # no band: under p75
    )


def test_pay_in_another_currency_and_period_is_compared_in_one_currency(client, lisbon_jobs, data):
    # $100,000 at 1.25 per euro is 80,000 €: high, though 100,000 > 80,000 as numbers;
    # and $40 an hour is 83,200 $ a year, 66,560 €: above the median.
    yearly = job(100_000, currency="USD", category=data, where="Lisbon")
    found = sentence(client, yearly)
    assert found.startswith("Pay above the median for Data jobs in Lisbon, Portugal, in the top")
    assert "(median $75,000 a year" in found  # the median in the job's own currency
    hourly = job(40, currency="USD", period="hour", category=data, where="Lisbon")
    assert sentence(client, hourly).startswith("Pay above the median")
    cheap = job(50_000, currency="USD", category=data, where="Lisbon")  # 40,000 €
    assert sentence(client, cheap).startswith("Pay below the median")


def test_a_small_city_falls_back_to_the_country_then_the_category(client, lisbon_jobs, data):
    porto = job(80_000, category=data, where="Porto")
    berlin = job(80_000, category=data, where="Berlin")
    assert "for Data jobs in Portugal" in sentence(client, porto)
    assert sentence(client, berlin).startswith(
        "Pay above the median for Data jobs, in the top 10 %"
    )


def test_other_categories_are_not_similar_jobs(client, lisbon_jobs):
    design = job(80_000, category=CategoryFactory(slug="design"), where="Lisbon")
    assert PayDistribution.objects.filter(key__startswith="p:").exists()  # Lisbon, any category
    assert sentence(client, design) is None


def test_not_shown_without_a_salary_or_a_rate(client, lisbon_jobs, data):
    assert sentence(client, job(None, category=data, where="Lisbon")) is None
    assert sentence(client, job(80_000, currency="KES", category=data, where="Lisbon")) is None


def test_not_shown_with_too_few_jobs(client, lisbon_jobs, settings):
    settings.PAY_INSIGHT_MIN_JOBS = 6
    assert sentence(client, lisbon_jobs[80_000]) is None


def page_queries(client, job):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(job.get_absolute_url()).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_sentence_costs_one_indexed_query(client, lisbon_jobs, data):
    without_salary = job(None, category=data, where="Lisbon")
    page_queries(client, without_salary)  # job cards' text is cached in each process: warm it
    page_queries(client, lisbon_jobs[80_000])
    without = page_queries(client, without_salary)
    with_salary = page_queries(client, lisbon_jobs[80_000])
    assert len(with_salary) == len(without) + 1
    (lookup,) = [sql for sql in with_salary if "board_paydistribution" in sql]
    assert '"key" IN' in lookup
