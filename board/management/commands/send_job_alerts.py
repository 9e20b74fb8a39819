from django.core.management.base import BaseCommand

from board.alerts.models import JobAlert
from board.alerts.tasks import send_job_alerts


class Command(BaseCommand):
    help = "Send the job-alert digests of one frequency (daily, or weekly)."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=JobAlert.Frequency.values, required=True)

    def handle(self, *args, frequency, **options):
        # Through the task, so a worker sends them when a broker is configured.
        count = send_job_alerts.apply(args=[frequency]).get()
        self.stdout.write(f"Queued {count} {frequency} digests.")
