from django.core.management.base import BaseCommand

from board.jobs.locations import locate_saved


class Command(BaseCommand):
    help = (
        "Give job locations saved as text (by migration 0004, or before their place was "
        "loaded) their place and coordinates, for radius search. Run after load_places; "
        "safe to run again."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Located {locate_saved():,} job locations.")
