from django.core.management.base import BaseCommand

from board.quarantine.sweep import run


class Command(BaseCommand):
    help = (
        "Scan the uploads accepted into quarantine while the virus scanner was down "
        "(CLAMD_UNAVAILABLE=quarantine): release the clean, delete the infected and tell "
        "their owners (every five minutes)."
    )

    def handle(self, *args, **options):
        done = run()
        self.stdout.write(
            f"{done['released']} released, {done['deleted']} deleted, "
            f"{done['waiting']} still waiting."
        )
