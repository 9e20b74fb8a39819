"""Jobs with known pay in known places, for the pay insight tests."""

from decimal import Decimal

from board.currencies.models import ExchangeRate
from board.jobs.locations import resolve_locations, set_locations
from board.tests.factories import JobFactory


def set_rates(**rates):
    """Exchange rates (units for one euro) chosen so that conversions are whole numbers."""
    for code, rate in rates.items():
        ExchangeRate.objects.update_or_create(currency=code, defaults={"rate": Decimal(rate)})


def job(pay=None, *, where="", currency="EUR", period="year", **fields):
    """An open job paying `pay` (the top of its range) a `period` in `currency`,
    located at `where` (lines of places, resolved as an employer's would be)."""
    made = JobFactory(
        salary_min=None,
        salary_max=pay,
        salary_currency=currency,
        salary_period=period,
        **fields,
    )
    if where:
        set_locations(made, resolve_locations(where))
    return made
