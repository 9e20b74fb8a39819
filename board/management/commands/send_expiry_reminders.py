from django.core.management.base import BaseCommand

from board.jobs.maintenance import remind_expiring_jobs


class Command(BaseCommand):
    help = "Remind posters of jobs expiring within 3 days, once per listing period (daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {remind_expiring_jobs()} reminders.")
