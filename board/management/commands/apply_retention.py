from django.core.management.base import BaseCommand

from board.privacy.retention import (
    erase_inactive_accounts,
    remove_old_documents,
    send_inactivity_notices,
)


class Command(BaseCommand):
    help = (
        "Apply the retention rules (daily): remove résumés and cover letters "
        "RETENTION_DOCUMENT_MONTHS after the job closed, send notices to accounts inactive "
        "for RETENTION_INACTIVE_ACCOUNT_DAYS - RETENTION_NOTICE_DAYS days, and delete those "
        "still inactive RETENTION_NOTICE_DAYS after the notice. Safe to run twice, or on "
        "several machines at once."
    )

    def handle(self, *args, **options):
        documents = remove_old_documents()
        noticed = send_inactivity_notices()
        deleted = erase_inactive_accounts()
        self.stdout.write(
            f"documents removed from {documents} applications, {noticed} inactivity "
            f"notices sent, {deleted} inactive accounts deleted."
        )
