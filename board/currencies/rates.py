"""Pay in many currencies: which currencies, their exchange rates, conversion, formatting.

Pay is compared in one currency, the euro (BASE), in which the European Central Bank
quotes its reference rates. Each job stores its yearly pay (the top of its range) in
euros, `Job.salary_yearly_eur`, so "highest salary" and "at least 100,000 a year" are
one indexed column whatever currency the visitor reads in: a threshold in dollars is
converted to euros once per search. A currency without a rate has no euro figure: its
jobs show their own currency, marked, and drop out of salary sorting and filtering.

Rates live in the database (ExchangeRate, editable in the admin). Migration 0002 loads
the dated set shipped in board/currencies/data/; board.jobs.salaries.refresh_rates()
(Celery beat, daily, or `manage.py exchange_rates`) replaces them from
EXCHANGE_RATES_URL, a document in the ECB's eurofxref format. No request ever waits on
the network: pages read the stored rates. A changed rate re-converts its jobs' euro
figures in batches (board/jobs/salaries.py: this package knows nothing of jobs).
"""

import functools
import logging
import urllib.parse
import urllib.request
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree

from babel.core import Locale, get_global
from babel.numbers import (
    format_currency,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
)
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Cast, Round
from django.utils import translation

from board.core.listing_version import jobs_version, listings_cacheable

logger = logging.getLogger(__name__)

BASE = "EUR"  # the ECB's rates are units of each currency for one euro
DEFAULT_DISPLAY = "USD"
REFERENCE_RATES = Path(__file__).parent / "data" / "eurofxref-reference.xml"
MAX_DOCUMENT_BYTES = 1_000_000  # the ECB's daily file is about 2 kB
FETCH_TIMEOUT = 10  # seconds; only the periodic task fetches, never a request
RATES_TTL = 300  # seconds; a rate change also changes the jobs version in the key


# Currencies.


def currency_choices():
    """(code, name in the page's language) of every ISO 4217 currency legal tender
    somewhere today, sorted by name.

    From CLDR's territory data (Babel), so African and Asian currencies are there
    with the rest; without funds, metals and retired currencies. A callable, so the
    model field's migration refers to it rather than copying 150 choices, and so each
    form shows the names in its page's language.
    """
    return _currency_choices(babel_locale())


@functools.cache
def _currency_choices(locale):
    codes = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, tender=True))
    return sorted(
        ((code, get_currency_name(code, locale=locale)) for code in codes),
        key=lambda choice: choice[1],
    )


@functools.cache
def _codes():
    return frozenset(code for code, _name in currency_choices())


def validate_currency(code):
    if code not in _codes():
        raise ValidationError(f"{code} is not a currency code in use (ISO 4217).")


# Formatting.


def format_money(amount, code):
    """'$55,000', '€1,200', 'SEK 576,000', '¥166' in English; '55 000 $US' in French:
    whole units, with the symbol and grouping CLDR gives the page's language (Babel)."""
    return _formatted(amount, code, babel_locale())


# Babel takes about 23 µs an amount, and a page of job cards formats up to 80 of them
# (each range in its currency and converted): 2 ms, a tenth of rendering a page of
# cards not yet cached. The amounts repeat (whole thousands, approximated conversions),
# so the text of the last few thousand is remembered, per process. Equal amounts
# (55000, Decimal("55000.00")) print the same, so they may share an entry.
@functools.lru_cache(maxsize=4096)
def _formatted(amount, code, locale):
    text = format_currency(
        amount, code, format=_whole_units(locale), locale=locale, currency_digits=False
    )
    symbol = get_currency_symbol(code, locale=locale)
    if symbol[-1:].isalpha() and f"{symbol}\u00a0" not in text and text.startswith(symbol):
        # CLDR's currency spacing (a code before digits takes a space), which Babel skips.
        text = text.replace(symbol, f"{symbol}\u00a0", 1)
    return text


def babel_locale():
    """The Babel locale of the active language ('en', 'fr', 'ar'; docs/i18n.md)."""
    return translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)


@functools.cache
def _whole_units(locale):
    # The language's own currency pattern ('¤#,##0.00', '#,##0.00 ¤'…) without the cents.
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.replace(".00", "")


def approximate(amount):
    """Rounded as one says an approximate sum: to the thousand from 10,000 (54,876 →
    55,000), else to two significant figures (4,630 → 4,600; 38.4 → 38)."""
    amount = Decimal(amount)
    if amount < 100:
        return int(amount.quantize(Decimal(1), ROUND_HALF_UP))
    step = Decimal(1000) if amount >= 10_000 else Decimal(10) ** (len(str(int(amount))) - 2)
    return int((amount / step).quantize(Decimal(1), ROUND_HALF_UP) * step)


# Rates and conversion.


def rates():
    """{code: units for one euro} of every currency with a rate, the euro included.

    Read from the database and cached under the jobs version (a rate change bumps
    it), so a cached search asks the database nothing.
    """
    if not listings_cacheable():
        return _load_rates()
    return cache.get_or_set(f"exchange-rates:{jobs_version()}", _load_rates, RATES_TTL)


def _load_rates():
    from board.currencies.models import ExchangeRate

    return {BASE: Decimal(1), **dict(ExchangeRate.objects.values_list("currency", "rate"))}


def default_display(known):
    """The currency pay is shown in unless the visitor chooses: USD, or else the euro."""
    return DEFAULT_DISPLAY if DEFAULT_DISPLAY in known else BASE


def current_rate(code):
    """The stored rate of one currency, read now (for saving a job: no cached copy)."""
    from board.currencies.models import ExchangeRate

    if code == BASE:
        return Decimal(1)
    return ExchangeRate.objects.filter(currency=code).values_list("rate", flat=True).first()


def to_base(amount, rate):
    """`amount` in euros at `rate`, rounded to a whole euro; None without either."""
    if amount is None or rate is None:
        return None
    return int((Decimal(amount) / rate).quantize(Decimal(1), ROUND_HALF_UP))


def converter(source, target, known):
    """A function converting amounts in `source` to `target` with the rates `known`,
    or None when either currency has no rate."""
    if source not in known or target not in known:
        return None
    factor = known[target] / known[source]
    return lambda amount: Decimal(amount) * factor


def yearly_in_base(rate):
    """The database expression of a job's yearly pay in euros at `rate` (the same
    rounding as to_base; NULL without a salary)."""
    if rate is None:
        return Value(None)
    return Cast(Round(F("salary_annual") / Value(rate)), output_field=BigIntegerField())


# Loading rates: the shipped reference set, or the ECB's format from a URL.


def parse_eurofxref(document):
    """(date, {code: rate}) from a document in the ECB's eurofxref format.

    Raises ValueError for anything else: not XML, no dated Cube, no rates, a rate
    that is not a positive number. Codes not in use today are skipped.
    """
    try:
        # From EXCHANGE_RATES_URL, which the operator sets. ElementTree never fetches
        # external entities, and expat (2.4 and later) bounds entity expansion.
        root = ElementTree.fromstring(document)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise ValueError(f"not XML ({exc})") from exc
    dated = next((cube for cube in root.iter() if _is_cube(cube) and cube.get("time")), None)
    if dated is None:
        raise ValueError("no dated Cube element")
    try:
        day = date.fromisoformat(dated.get("time"))
    except ValueError as exc:
        raise ValueError(f"bad date {dated.get('time')!r}") from exc
    found = {}
    for cube in dated:
        code, text = cube.get("currency"), cube.get("rate")
        if not _is_cube(cube) or code is None:
            continue
        try:
            rate = Decimal(text)
        except (InvalidOperation, TypeError) as exc:
            raise ValueError(f"bad rate for {code}: {text!r}") from exc
        if not rate.is_finite() or rate <= 0:
            raise ValueError(f"bad rate for {code}: {text!r}")
        if code in _codes() and code != BASE:
            found[code] = rate.quantize(Decimal("0.000001"))
    if not found:
        raise ValueError("no rates")
    return day, found


def _is_cube(element):
    return element.tag.rsplit("}", 1)[-1] == "Cube"


def reference_rates():
    """The dated set of rates shipped in the repository."""
    return parse_eurofxref(REFERENCE_RATES.read_bytes())


def fetch_rates(url=None):
    """(date, {code: rate}) from `url` (http, https or file; default EXCHANGE_RATES_URL).

    Raises OSError or ValueError.
    """
    url = url or settings.EXCHANGE_RATES_URL
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https", "file"):
        raise ValueError(f"unsupported URL scheme {scheme!r}")
    request = urllib.request.Request(url, headers={"User-Agent": "nexus-jobs"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
        document = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(document) > MAX_DOCUMENT_BYTES:
        raise ValueError("document too large")
    return parse_eurofxref(document)


def store_rates(day, found, source):
    """Save rates dated `day`; returns the codes whose rate changed.

    A rate already stored with a later date is kept: an old copy of the
    document (a stale mirror, the shipped set) never undoes a newer rate.
    """
    from board.currencies.models import ExchangeRate

    changed = []
    stored = {rate.currency: rate for rate in ExchangeRate.objects.filter(currency__in=found)}
    for code, value in sorted(found.items()):
        rate = stored.get(code) or ExchangeRate(currency=code)
        if rate.pk and rate.date > day:
            continue
        if rate.pk and rate.rate == value and rate.date == day and rate.source == source:
            continue
        if rate.rate != value:
            changed.append(code)
        rate.rate, rate.date, rate.source = value, day, source
        rate.save()  # the caller re-converts the changed currencies' jobs
    return changed
