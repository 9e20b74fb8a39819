from django.core.management.base import BaseCommand

from board.accounts.signins import forget_ended_sessions


class Command(BaseCommand):
    help = (
        "Delete expired sessions, the records (IP address, browser) of ended ones, and "
        "known devices unused for RETENTION_INACTIVE_ACCOUNT_DAYS (daily; replaces clearsessions)."
    )

    def handle(self, *args, **options):
        done = forget_ended_sessions()
        self.stdout.write(
            f"{done['sessions']} expired sessions, {done['records']} session records, "
            f"{done['devices']} unused devices deleted."
        )
