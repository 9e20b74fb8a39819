from django.core.management.base import BaseCommand

from board.jobs.maintenance import expire_jobs


class Command(BaseCommand):
    help = (
        "Mark published jobs past their expiry date as expired (hourly; Celery beat does it too)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Expired {expire_jobs()} jobs.")
