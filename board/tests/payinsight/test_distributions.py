"""The precomputed pay distributions: which jobs, which populations, which figures."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from board.jobs.models import Job
from board.payinsight import distributions
from board.payinsight.distributions import describe, key, population_counts, refresh
from board.payinsight.models import PayDistribution
from board.tests.factories import CategoryFactory
from board.tests.jobs.places import make_places
from board.tests.payinsight.helpers import job, set_rates

pytestmark = pytest.mark.django_db


def stored(name):
    return PayDistribution.objects.get(key=name)


def test_percentiles_are_linear_between_the_jobs_figures():
    # 11 jobs paying 1,000 … 11,000: the (n - 1) × q-th figure, as percentile_cont.
    figures = describe(Counter({n * 1000: 1 for n in range(1, 12)}))
    assert figures["count"] == 11
    assert [figures[p] for p in ("p10", "p25", "p50", "p75", "p90")] == [
        2000,
        3500,
        6000,
        8500,
        10000,
    ]


def test_percentiles_count_each_job_of_a_repeated_figure():
    figures = describe(Counter({30_000: 8, 90_000: 2}))
    assert figures["p50"] == 30_000
    assert figures["p90"] == 90_000  # position 8.1: between the 9th and 10th job, both 90,000
    assert figures["p75"] == 30_000


def test_histogram_has_twelve_buckets_holding_every_job_outliers_in_the_end_ones():
    counts = Counter({n * 1000: 1 for n in range(30, 90)})
    counts[10_000_000] = 1  # a typo: not allowed to squeeze every other job into one bar
    histogram = describe(counts)["histogram"]
    assert len(histogram["counts"]) == distributions.BUCKETS
    assert sum(histogram["counts"]) == 61
    assert histogram["low"] + histogram["width"] * distributions.BUCKETS < 100_000
    assert min(histogram["counts"][:-1]) >= 4  # the jobs spread over all the bars


def test_pay_is_compared_yearly_in_euros_across_currencies_and_periods():
    set_rates(USD="1.25", GBP="0.8")
    job(50_000, currency="USD")  # 40,000 €
    job(40_000, currency="EUR")  # 40,000 €
    job(25, currency="EUR", period="hour")  # × 2,080 = 52,000 €
    job(4_000, currency="GBP", period="month")  # × 12 = 48,000 £ = 60,000 €
    refresh(min_jobs=1)

    everything = stored("all")
    assert everything.count == 4
    # 40,000, 40,000, 52,000, 60,000: the median is half-way between the middle two.
    assert everything.p50 == 46_000
    assert everything.p10 == 40_000
    assert everything.p90 == 57_600


def test_only_open_jobs_with_a_salary_in_a_currency_with_a_rate_count():
    job(50_000)
    job(None)  # no salary
    job(50_000, currency="KES")  # no exchange rate: never compared with the others
    job(90_000, status=Job.Status.CLOSED)
    job(90_000, draft=True)
    job(90_000, expires_at=timezone.now() - timedelta(minutes=1))
    refresh(min_jobs=1)
    assert stored("all").count == 1
    assert stored("all").p90 == 50_000


def test_populations_by_category_city_and_country():
    places = make_places()
    data = CategoryFactory(slug="data", name="Data")
    other = CategoryFactory(slug="design", name="Design")
    job(40_000, category=data, where="Lisbon")
    job(60_000, category=data, where="Lisbon\nPorto")  # in two cities, one country
    job(80_000, category=data, where="Berlin")
    job(30_000, category=other, where="Porto")
    found = population_counts()
    lisbon, porto = places["lisbon"].pk, places["porto"].pk

    assert found[key("data", place=lisbon)] == Counter({40_000: 1, 60_000: 1})
    assert found[key("data", place=porto)] == Counter({60_000: 1})
    assert found[key("data", "PT")] == Counter({40_000: 1, 60_000: 1})  # the job counted once
    assert found[key("data")] == Counter({40_000: 1, 60_000: 1, 80_000: 1})
    assert found[key(place=porto)] == Counter({60_000: 1, 30_000: 1})
    assert found[key(country="PT")] == Counter({40_000: 1, 60_000: 1, 30_000: 1})
    assert found[key()].total() == 4


def test_small_populations_are_not_stored(settings):
    settings.PAY_INSIGHT_MIN_JOBS = 3
    make_places()
    data = CategoryFactory(slug="data", name="Data")
    for pay in (40_000, 50_000, 60_000):
        job(pay, category=data, where="Lisbon")
    job(70_000, where="Berlin")
    refresh()
    keys = set(PayDistribution.objects.values_list("key", flat=True))
    assert "c:data" in keys and "n:PT" in keys and "all" in keys
    assert "n:DE" not in keys  # one job


def test_a_refresh_replaces_the_previous_set():
    job(50_000)
    refresh(min_jobs=1)
    Job.objects.update(status=Job.Status.CLOSED)
    refresh(min_jobs=1)
    assert not PayDistribution.objects.exists()


def test_computing_costs_two_queries_whatever_the_number_of_jobs(django_assert_num_queries):
    make_places()
    for n in range(3):
        job(40_000 + n * 1000, where="Lisbon")
    with django_assert_num_queries(2):
        few = population_counts()
    for n in range(30):
        job(40_000 + n * 1000, where="Lisbon\nBerlin", category=CategoryFactory())
    with django_assert_num_queries(2):
        many = population_counts()
    assert len(many) > len(few)


def test_the_periodic_task_and_the_command_store_distributions(settings, capsys):
    from django.core.management import call_command

    from board.payinsight.tasks import refresh_pay_distributions

    settings.PAY_INSIGHT_MIN_JOBS = 1
    job(50_000, city="", country="")  # no place
    assert refresh_pay_distributions.delay().get() == 2  # all jobs, and the category
    PayDistribution.objects.all().delete()
    call_command("refresh_pay_insight")
    assert "2 pay distributions stored" in capsys.readouterr().out
    assert PayDistribution.objects.count() == 2
    assert "board.payinsight.tasks.refresh_pay_distributions" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


def test_a_job_is_counted_once_in_a_country_whatever_the_order_of_its_locations():
    places = make_places()
    data = CategoryFactory(slug="data", name="Data")
    job(50_000, category=data, where="Berlin\nLisbon\nPorto")
    job(70_000, category=data, city="", country="")  # no location: in its category still
    found = population_counts()
    assert found[key("data", "PT")] == Counter({50_000: 1})
    assert found[key("data", "DE")] == Counter({50_000: 1})
    assert found[key("data", place=places["porto"].pk)] == Counter({50_000: 1})
    assert found[key("data")] == Counter({50_000: 1, 70_000: 1})
    assert found[key()] == Counter({50_000: 1, 70_000: 1})
