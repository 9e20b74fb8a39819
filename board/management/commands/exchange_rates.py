from django.core.management.base import BaseCommand, CommandError

from board.currencies import rates as currencies
from board.currencies.models import ExchangeRate
from board.jobs import salaries


class Command(BaseCommand):
    help = (
        "Refresh exchange rates from EXCHANGE_RATES_URL (daily; Celery beat does it too), "
        "or load the reference rates shipped with the code, or recompute every job's "
        "yearly pay in euros."
    )

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--url", help="Read this document (ECB eurofxref format) instead.")
        what.add_argument(
            "--reference",
            action="store_true",
            help="Load the dated rates shipped with the code.",
        )
        what.add_argument(
            "--convert", action="store_true", help="Recompute every job's euro figure only."
        )

    def handle(self, *args, url=None, reference=False, convert=False, **options):
        if convert:
            self.stdout.write(f"Recomputed {salaries.convert_salaries():,} jobs.")
            return
        try:
            if reference:
                day, found = currencies.reference_rates()
                source = ExchangeRate.Source.REFERENCE
            else:
                day, found = currencies.fetch_rates(url)
                source = ExchangeRate.Source.ECB
        except (OSError, ValueError) as exc:
            raise CommandError(f"Rates not loaded, old rates kept: {exc}") from exc
        changed = salaries.store_rates(day, found, source)
        self.stdout.write(f"{len(found)} rates of {day}; changed: {', '.join(changed) or 'none'}.")
