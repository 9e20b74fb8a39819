"""What pages say about pay: the distribution that fits a search, and where one
job's pay sits in the distribution of similar jobs.

Each answer is read from the precomputed PayDistribution rows (one indexed query
for the few keys that could fit, most specific first), never aggregated over
jobs at request time. A population smaller than PAY_INSIGHT_MIN_JOBS says
nothing: the next broader one is tried, and with none the page shows nothing.
Figures are yearly euros, converted to the reader's currency only here, at the
end, so pay in two currencies is never compared.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django_countries import countries

from board.currencies import rates as currencies
from board.payinsight.distributions import key
from board.payinsight.models import PayDistribution
from board.places.models import Place


@dataclass(frozen=True)
class Population:
    key: str
    # What the templates say it is ("Data jobs in Lisbon, Portugal"): the words are theirs.
    category: str = ""  # the category's name, as people read it
    place: str = ""  # "Lisbon, Portugal", "Portugal"


def populations(category=None, place=None):
    """The populations that could describe jobs of `category` ((slug, name) or
    None) in `place` (a Place or None), most specific first: category and city,
    category and country, category, city, country, all jobs. A region counts as
    its country; an area as no place (it has no single country)."""
    slug, name = category or (None, "")
    city = place if place is not None and place.kind == Place.Kind.CITY else None
    country = place.country_code if place is not None and place.kind != Place.Kind.AREA else ""
    country_name = countries.name(country) if country else ""
    found = []
    for cat_slug, cat_name in ((slug, name), (None, "")) if slug else ((None, ""),):
        if city is not None:
            found.append(Population(key(cat_slug, place=city.pk), cat_name, city.label))
        if country:
            found.append(Population(key(cat_slug, country), cat_name, country_name))
        if cat_slug:
            found.append(Population(key(cat_slug), cat_name))
    found.append(Population(key()))
    return found


def first_fitting(candidates):
    """(Population, PayDistribution) of the first candidate with enough jobs, or
    (None, None). One query, by the unique key's index. Not cached on its own:
    anonymous searches' results, chart included, are (board/listings/caching.py),
    and a remembered lookup would make a page's query count depend on the order
    of visits."""
    keys = [c.key for c in candidates]
    rows = PayDistribution.objects.filter(key__in=keys, count__gte=settings.PAY_INSIGHT_MIN_JOBS)
    by_key = {row.key: row for row in rows}
    for candidate in candidates:
        if candidate.key in by_key:
            return candidate, by_key[candidate.key]
    return None, None


@dataclass(frozen=True)
class PayInsight:
    """A distribution in one currency, for a page: every amount yearly."""

    population: Population
    exact: bool  # the population is what the search filtered on (else broader)
    count: int
    currency: str
    p10: int
    p25: int
    p50: int
    p75: int
    p90: int
    buckets: tuple  # ((low, high, jobs), …), amounts in `currency`: hashable, see the tag

    def money(self, amount):
        """An amount as the chart labels it: approximate ("$65,000")."""
        return money(amount, self.currency)


def money(amount, currency):
    """`amount` rounded as one says an approximate sum, formatted in `currency` as the
    page's language writes it."""
    return _money(amount, currency, get_language())


@functools.lru_cache(maxsize=4096)
def _money(amount, currency, language):
    # Remembered: a chart shows about 35 amounts, Babel takes about 0.1 ms for each (a
    # search page's instructions rose by 15 M, 29 %, without this), and rounded amounts
    # repeat from one search to the next. `language` is in the key: format_money reads it.
    return currencies.format_money(currencies.approximate(amount), currency)


def in_currency(population, row, currency, known, exact=True):
    """The PayInsight of `row` converted from euros to `currency`, or None without a rate."""
    convert = currencies.converter(currencies.BASE, currency, known)
    if convert is None:
        return None

    def amount(euros):
        return int(convert(euros))

    histogram = row.histogram
    low, width = histogram["low"], histogram["width"]
    buckets = tuple(
        (amount(low + i * width), amount(low + (i + 1) * width), jobs)
        for i, jobs in enumerate(histogram["counts"])
    )
    figures = {name: amount(getattr(row, name)) for name in ("p10", "p25", "p50", "p75", "p90")}
    return PayInsight(population, exact, row.count, currency, buckets=buckets, **figures)


def for_search(search):
    """The PayInsight fitting a JobSearch, in the search's currency, or None.

    Populations are made of a category and a place only: a search by keywords (or
    a job type, a radius…) is described by the population of its category and
    place, all jobs without either, and says so (`exact` False), as does a search
    whose own population is too small and falls back to a broader one."""
    data = search.valid_data()
    slug = data.get("category") or ""
    category = (slug, dict(search.categories).get(slug, slug)) if slug else None
    place = search.place if data.get("location") else None
    candidates = populations(category, place)
    population, row = first_fitting(candidates)
    if row is None:
        return None
    filtered_only_by = {name for name, value in data.items() if value not in (None, "", [], False)}
    # Exact: the population is the search's own (its jobs with pay), not a broader one.
    located_exactly = not data.get("location") or (
        place is not None and place.kind in (Place.Kind.CITY, Place.Kind.COUNTRY)
    )
    exact = (
        population is candidates[0]
        and filtered_only_by <= {"category", "location", "sort", "currency"}
        and located_exactly
    )
    return in_currency(population, row, search.display_currency(), search.rates(), exact)


# Where one job's pay sits: compared with its category, where it is.

AROUND = 0.05  # within 5 % of the median reads as "around the median"


@dataclass(frozen=True)
class PayPosition:
    population: Population
    count: int
    relation: str  # "above", "around", "below"
    band: str  # "top10", "top25", "bottom25", "bottom10" or ""
    median: int  # in `currency`
    currency: str


def position_of(job):
    """Where `job`'s yearly pay sits against open jobs of its category where it is
    (its first location's city, else country, else the category everywhere), or
    None: no salary, no exchange rate, or no population with enough jobs."""
    if job.salary_yearly_eur is None:
        return None
    located = next(iter(job.locations.all()), None)  # prefetched by the job page
    place = None
    if located is not None and located.place is not None:
        place = located.place
    elif located is not None and located.country_code:
        place = Place(kind=Place.Kind.COUNTRY, country_code=located.country_code)
    candidates = [
        p
        for p in populations((job.category.slug, job.category.name), place)
        if p.key.startswith("c:")  # other categories are not similar jobs
    ]
    population, row = first_fitting(candidates)
    if row is None:
        return None
    pay = job.salary_yearly_eur
    if abs(pay - row.p50) <= AROUND * row.p50:
        relation, band = "around", ""
    elif pay > row.p50:
        relation = "above"
        band = "top10" if pay >= row.p90 else "top25" if pay >= row.p75 else ""
    else:
        relation = "below"
        band = "bottom10" if pay <= row.p10 else "bottom25" if pay <= row.p25 else ""
    # The median in the job's own currency, at the rate its own pay was converted
    # at (its yearly figure over its euro figure): no rates to read.
    median = round(row.p50 * job.yearly_salary() / pay)
    return PayPosition(population, row.count, relation, band, median, job.salary_currency)
