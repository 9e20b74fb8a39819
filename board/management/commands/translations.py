from django.core.management.base import BaseCommand, CommandError

from board.devtools.translations import problems, update


class Command(BaseCommand):
    help = (
        "Extract the marked strings into board/locale/*/django.po and compile the .mo files "
        "(needs GNU gettext). --check: only report what is missing or out of date (CI)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        if not check:
            update()
            self.stdout.write("Catalogues extracted and compiled in board/locale.")
            return
        found = problems()
        for line in found:
            self.stderr.write(line)
        if found:
            raise CommandError(f"{len(found)} translation problems (docs/i18n.md).")
        self.stdout.write("Translations are complete and compiled.")
