from django.core.management.base import BaseCommand

from board.payinsight.distributions import population_counts, refresh


class Command(BaseCommand):
    help = "Compute the pay distributions of open jobs that searches and job pages show (hourly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compute and report only; store nothing (to time it on a copy of production).",
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            import time

            started = time.monotonic()
            found = population_counts()
            seconds = time.monotonic() - started
            self.stdout.write(f"{len(found)} populations computed in {seconds:.1f} s (not stored).")
            return
        stored, seconds = refresh()
        self.stdout.write(f"{stored} pay distributions stored in {seconds:.1f} s.")
