from django.core.management.base import BaseCommand

from board.search.vocabulary import refresh


class Command(BaseCommand):
    help = (
        "Count the words of the open jobs, which misspelt searches are corrected "
        "against (hourly; PostgreSQL only)."
    )

    def handle(self, *args, **options):
        words = refresh()
        self.stdout.write(f"{words} word{'' if words == 1 else 's'} of open jobs counted.")
