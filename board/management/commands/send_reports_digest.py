from django.core.management.base import BaseCommand

from board.moderation.reports import queue_reports_digest


class Command(BaseCommand):
    help = "E-mail the moderators the job reports filed since the last digest (hourly)."

    def handle(self, *args, **options):
        queued = queue_reports_digest()
        self.stdout.write("Digest queued." if queued else "No new open reports.")
