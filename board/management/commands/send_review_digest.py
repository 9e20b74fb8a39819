from django.core.management.base import BaseCommand

from board.moderation.review import queue_review_digest


class Command(BaseCommand):
    help = "E-mail the moderators the jobs submitted for review since the last digest (hourly)."

    def handle(self, *args, **options):
        queued = queue_review_digest()
        self.stdout.write("Digest queued." if queued else "No job newly waiting for review.")
