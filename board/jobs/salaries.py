"""Jobs' pay in euros, kept in step with the exchange rates.

Each job stores its yearly pay in euros (Job.salary_yearly_eur, set by Job.save), so
salary sorting and "at least" filters compare one indexed column. A rate changes
through the functions here, never by saving an ExchangeRate directly: they queue
`convert_salaries(currency)` once the change has committed. The rates themselves
(loading, parsing, formatting) are board/currencies, which knows nothing of jobs.
"""

import logging
from functools import partial

from django.db import transaction

from board.core.listing_version import bump_jobs_version
from board.currencies import rates
from board.currencies.models import ExchangeRate
from board.currencies.rates import current_rate, yearly_in_base
from board.jobs.models import Job

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000


def convert_salaries(currency=None, batch_size=BATCH_SIZE):
    """Recompute the euro figure of every job in `currency` (all currencies if None).

    In batches of primary keys, each its own short UPDATE, so a change to a rate
    used by 100,000 jobs never locks them all at once. Returns how many jobs.
    """
    if currency is None:
        codes = Job.objects.order_by().values_list("salary_currency", flat=True).distinct()
    else:
        codes = [currency]
    done = 0
    for code in list(codes):
        value = yearly_in_base(current_rate(code))
        jobs = Job.objects.filter(salary_currency=code).order_by("pk")
        last = 0
        while True:
            top = jobs.filter(pk__gt=last).values_list("pk", flat=True)[batch_size - 1 : batch_size]
            bound = {"pk__lte": top[0]} if top else {}
            done += jobs.filter(pk__gt=last, **bound).update(salary_yearly_eur=value)
            if not top:
                break
            last = top[0]
    bump_jobs_version()  # cached listings show the old order and amounts
    return done


def queue_conversion(currency):
    from board.jobs.tasks import convert_salaries

    try:
        convert_salaries.delay(currency)
    except Exception:
        # The rate is saved; only its jobs' euro figures wait. Logged loudly, as
        # nothing retries this: `manage.py exchange_rates --convert` does it by hand.
        logger.exception("salaries in %s not queued for conversion", currency)


def _convert_after_commit(currency):
    transaction.on_commit(partial(queue_conversion, currency), robust=True)


def save_rate(rate):
    """Save an exchange rate (a new one, or a changed value) and re-convert its jobs."""
    changed = rate.differs_from_stored()
    rate.save()
    if changed:
        _convert_after_commit(rate.currency)


def delete_rate(rate):
    """Forget a rate: its jobs are left out of salary sorting and filters from now on."""
    rate.delete()
    _convert_after_commit(rate.currency)


def store_rates(day, found, source):
    """Store a dated set of rates (rates.store_rates); re-convert the changed currencies."""
    changed = rates.store_rates(day, found, source)
    for code in changed:
        _convert_after_commit(code)
    return changed


def refresh_rates(url=None):
    """Fetch the rates at `url` (default EXCHANGE_RATES_URL) and store them.

    An unreachable or bad source keeps the old rates and logs a warning. Returns
    the codes whose rate changed.
    """
    try:
        day, found = rates.fetch_rates(url)
    except (OSError, ValueError) as exc:
        logger.warning("exchange rates not refreshed, old rates kept: %s", exc)
        return []
    return store_rates(day, found, ExchangeRate.Source.ECB)
