from django.core.management.base import BaseCommand

from board.privacy.exports import delete_expired


class Command(BaseCommand):
    help = "Delete data exports whose link has expired: the ZIP file and its row (hourly)."

    def handle(self, *args, **options):
        deleted = delete_expired()
        self.stdout.write(f"{deleted} expired data export{'' if deleted == 1 else 's'} deleted.")
