from django.core.management.base import BaseCommand

from board.applications.stale import run


class Command(BaseCommand):
    help = (
        "Remind companies of applications a week from closing, and close those nobody "
        "decided on for STALE_APPLICATION_DAYS (daily)."
    )

    def handle(self, *args, **options):
        done = run()
        self.stdout.write(f"{done['reminded']} companies reminded, {done['closed']} closed.")
