"""Computing the pay distributions of open jobs (the PayDistribution table).

Which jobs: the open ones (Job.objects.visible()) with a yearly figure in euros
(Job.salary_yearly_eur: the top of the advertised range, made yearly by the
period rules of Job.PERIODS_PER_YEAR and converted at the stored exchange rates;
NULL without a salary or without a rate). That is the figure the "highest
salary" sort and the "at least" filter compare, so the chart and the filters
speak of the same pay; a currency without a rate is left out, never compared.

Which populations: per category and city, category and country, category,
city, country, and all jobs. A job in several cities counts in each; in two
cities of one country, once in that country.

The cost: one pass over the open jobs and their locations, one GROUP BY (by
category, city, country and pay rounded to PAY_STEP euros: GROUPED_SQL), so the
database returns at most one row per population and pay step whatever the
number of jobs. The coarser populations (city, country, category, all) are sums
of those rows, and the percentiles and histograms are computed here from the
counts, the same way on PostgreSQL and SQLite. Rounding to PAY_STEP euros is
finer than anything shown (figures are rounded to the thousand:
currencies.approximate()).
"""

import bisect
import time
from collections import Counter, defaultdict

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from board.jobs.models import Category, Job
from board.payinsight.models import PayDistribution

PAY_STEP = 100  # euros a year
BUCKETS = 12
PERCENTILES = {"p10": 0.10, "p25": 0.25, "p50": 0.50, "p75": 0.75, "p90": 0.90}
# The histogram spans these percentiles, so one typo (10,000,000 a year) does not
# squeeze every other job into one bar; pay outside is counted in the end bars.
SPAN = (0.02, 0.98)


def key(category=None, country=None, place=None):
    """The key of a population: a category's slug, a country's ISO code, a city's
    place id, each optional ("all" without any)."""
    parts = []
    if category:
        parts.append(f"c:{category}")
    if place is not None:
        parts.append(f"p:{place}")
    elif country:
        parts.append(f"n:{country}")
    return "/".join(parts) or "all"


# One pass over the open jobs with pay and their locations (a LEFT JOIN: a job
# without a location still counts in its category and in "all"). Each row is a
# (category, city, country, pay step) with how many locations it holds, and how
# many of them are the first of their job in that country (a job in Lisbon and
# Porto is one job in Portugal) and the first of their job at all (one job in
# its category). Position 0 is the first location; the NOT EXISTS, on the
# (job, position) index, only runs for the few rows past it.
GROUPED_SQL = """
SELECT j.category_id, l.place_id, COALESCE(l.country_code, ''), (j.salary_yearly_eur + %s) / %s,
  COUNT(*),
  SUM(CASE WHEN l.id IS NULL OR l.position = 0 THEN 1
           WHEN NOT EXISTS (SELECT 1 FROM board_joblocation e WHERE e.job_id = l.job_id
                            AND e.country_code = l.country_code AND e.position < l.position)
           THEN 1 ELSE 0 END),
  SUM(CASE WHEN l.id IS NULL OR l.position = 0 THEN 1
           WHEN NOT EXISTS (SELECT 1 FROM board_joblocation e WHERE e.job_id = l.job_id
                            AND e.position < l.position)
           THEN 1 ELSE 0 END)
FROM ({jobs}) j LEFT JOIN board_joblocation l ON l.job_id = j.id
GROUP BY 1, 2, 3, 4
"""


def population_counts():
    """{key: Counter({yearly euros: jobs})} of every population, in one pass (two
    queries: the categories' slugs, and the GROUP BY)."""
    slugs = dict(Category.objects.values_list("pk", "slug"))
    # Which jobs: the one rule of Job.objects.visible(), compiled by the ORM.
    jobs = Job.objects.visible().filter(salary_yearly_eur__isnull=False)
    jobs_sql, params = jobs.values("id", "category_id", "salary_yearly_eur").query.sql_with_params()
    found = defaultdict(Counter)
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(GROUPED_SQL.format(jobs=jobs_sql), [PAY_STEP // 2, PAY_STEP, *params])
        for category, place, country, step, locations, in_country, in_category in cursor:
            slug, pay = slugs[category], step * PAY_STEP
            if place is not None:
                found[key(slug, place=place)][pay] += locations
                found[key(place=place)][pay] += locations
            if country and in_country:
                found[key(slug, country)][pay] += in_country
                found[key(country=country)][pay] += in_country
            if in_category:
                found[key(slug)][pay] += in_category
                found[key()][pay] += in_category
    return found


def percentile(values, cumulative, q):
    """The q-th quantile (0–1) of the figures `values` (sorted, distinct) counted
    up to `cumulative` (running totals), linear between neighbours as
    PostgreSQL's percentile_cont: the (n - 1) × q-th of the n figures."""
    position = (cumulative[-1] - 1) * q
    below = int(position)
    low = values[bisect.bisect_right(cumulative, below)]
    high = values[bisect.bisect_right(cumulative, min(below + 1, cumulative[-1] - 1))]
    return round(low + (high - low) * (position - below))


def describe(counts):
    """count, the percentiles and the histogram of Counter({pay: jobs})."""
    values = sorted(counts)
    cumulative, total = [], 0
    for value in values:
        total += counts[value]
        cumulative.append(total)
    figures = {name: percentile(values, cumulative, q) for name, q in PERCENTILES.items()}
    low, high = (percentile(values, cumulative, q) for q in SPAN)
    width = max(1, -(-(high - low) // BUCKETS))  # rounded up: the last bucket holds `high`
    bars = [0] * BUCKETS
    for value in values:
        bars[min(BUCKETS - 1, max(0, (value - low) // width))] += counts[value]
    histogram = {"low": low, "width": width, "counts": bars}
    return {"count": total, **figures, "histogram": histogram}


def refresh(min_jobs=None):
    """Replace every stored distribution with one computed now; returns how many
    populations are stored (those of at least PAY_INSIGHT_MIN_JOBS jobs: smaller
    ones are never shown, so they are not kept) and the seconds it took."""
    started = time.monotonic()
    min_jobs = settings.PAY_INSIGHT_MIN_JOBS if min_jobs is None else min_jobs
    now = timezone.now()
    rows = [
        PayDistribution(key=name, computed_at=now, **describe(counts))
        for name, counts in population_counts().items()
        if counts.total() >= max(1, min_jobs)
    ]
    # One transaction: pages read the old set or the new one, never half of each.
    with transaction.atomic():
        PayDistribution.objects.all().delete()
        PayDistribution.objects.bulk_create(rows, batch_size=1000)
    return len(rows), time.monotonic() - started
