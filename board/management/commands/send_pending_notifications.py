from django.core.management.base import BaseCommand

from board.notifications.outbox import send_pending


class Command(BaseCommand):
    help = "Send notifications that failed or never reached the queue (every few minutes)."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        self.stdout.write(f"Sent {sent} notifications, {failed} failed (will be retried).")
