"""Write every e-mail the site sends into a folder: `python manage.py preview_emails DIR`.

For each kind, DIR/<name>.html (open it in a browser; resize it to a phone's width, switch
the system to dark mode) and DIR/<name>.txt (the subject, then the plain-text part), plus
DIR/index.html linking them all. The e-mails are rendered by the real builders and allauth's
adapter from sample rows (board/devtools/email_samples.py) made in a transaction that is
rolled back: nothing is sent and nothing stays in the database.

--language fr (or ar, en): the e-mails as a person with that language gets them (their
account's language for ours, the page's for allauth's). --language all: one folder per
language, DIR/en, DIR/fr, DIR/ar.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from board.devtools.email_samples import NoEmail, render_every_email


class Command(BaseCommand):
    help = "Write every e-mail the site sends (HTML and text) into DIR, for a look."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Folder to write into (made if missing).")
        codes = [code for code, _name in settings.LANGUAGES]
        parser.add_argument(
            "--language",
            choices=[*codes, "all"],
            default=settings.LANGUAGE_CODE,
            help="Write the e-mails in this language; all: each in its own subfolder.",
        )

    def handle(self, *args, directory, language, **options):
        # The samples are rolled back, but they are still writes (and an account
        # erasure) on the live database: not there.
        if settings.PRODUCTION:
            raise CommandError("preview_emails does not run with DJANGO_ENV=production.")
        if language == "all":
            for code, _name in settings.LANGUAGES:
                self._write(Path(directory) / code, code)
        else:
            self._write(Path(directory), language)

    def _write(self, folder, language):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            rendered = render_every_email(language)
        except NoEmail as refusal:
            raise CommandError(str(refusal)) from None
        for name, message in rendered.items():
            html = [
                content for content, mimetype in message.alternatives if mimetype == "text/html"
            ]
            (folder / f"{name}.html").write_text(html[0] if html else "", encoding="utf-8")
            text = f"Subject: {message.subject}\n\n{message.body}"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        index = render_to_string(
            "emails/preview_index.html",
            {"emails": [(name, message.subject) for name, message in rendered.items()]},
        )
        (folder / "index.html").write_text(index, encoding="utf-8")
        self.stdout.write(
            f"{len(rendered)} e-mails in {language} written to {folder}/ (open index.html)"
        )
