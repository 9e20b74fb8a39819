from django.core.management.base import BaseCommand

from board.applications.responsiveness import refresh_response_badges


class Command(BaseCommand):
    help = "Work out every company's public response badge from its pipeline (daily)."

    def handle(self, *args, **options):
        changed = refresh_response_badges()
        self.stdout.write(f"{changed} compan{'y' if changed == 1 else 'ies'} changed.")
