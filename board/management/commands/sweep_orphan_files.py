from django.core.management.base import BaseCommand

from board.core.stored_files import ORPHAN_FOLDERS, ORPHAN_GRACE, sweep_orphans


class Command(BaseCommand):
    help = (
        f"Delete uploaded files ({', '.join(ORPHAN_FOLDERS)}) that no row points to and are "
        f"older than {ORPHAN_GRACE}: what a crash between an upload and its row leaves (daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count the orphans, delete nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        done = sweep_orphans(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            ", ".join(f"{folder}: {count} {verb}" for folder, count in done.items()) + "."
        )
