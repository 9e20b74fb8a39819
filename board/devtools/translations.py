"""Keeping the translations current (docs/i18n.md): extract, compile, check.

`manage.py translations` extracts every marked string into board/locale/<lang>/django.po
(without file locations, so moving code does not change the catalogues) and compiles the .mo
files we commit, so the quick start needs no gettext. `--check` (CI) fails when a catalogue
misses a string of the code, keeps one the code no longer has, is not compiled, or leaves a
string untranslated where it must not: French everywhere, Arabic on every page and e-mail a
job seeker sees (employers' and staff's pages may stay in English).
"""

import shutil
import tempfile
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE_DIR = Path(settings.BASE_DIR) / "board" / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
IGNORE = [".venv/*", "venv/*", "board/tests/*", "docs/*", "static/*", "staticfiles/*", "media/*"]
# makemessages writes a file's strings to the nearest "locale" folder above it, whatever
# LOCALE_PATHS says: without this, the check's extraction of board/ would overwrite the
# committed catalogues (board/locale) instead of its temporary copy.
WALK_IGNORE = [*IGNORE, "board/locale"]
# Where strings only employers and staff read live: Arabic may leave these in English.
NOT_SEEKER_FACING = (
    "templates/employer/",
    "templates/admin/",
    "templates/emails/employer/",
    "board/web/employer",
    "board/web/pipeline",
    "board/web/screening",
    "board/web/message_templates",
    "board/web/exports",
    "board/web/company_closing",
    "board/companies/",
    "board/analytics/",
    "board/moderation/",
    "board/admin",
    "board/devtools/",
    "board/management/",
)


def extract(locale_dir, with_locations=False):
    """makemessages into `locale_dir` (keeping the translations already there)."""
    with override_settings(LOCALE_PATHS=[str(locale_dir)]):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            no_location=not with_locations,
            add_location=None if not with_locations else "file",
            no_obsolete=True,
            ignore_patterns=WALK_IGNORE,
            verbosity=0,
        )


def update():
    extract(LOCALE_DIR)
    call_command("compilemessages", locale=LANGUAGES, verbosity=0, ignore=IGNORE)


def _catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def _seeker_facing(message):
    return (
        any(not path.startswith(NOT_SEEKER_FACING) for path, _line in message.locations)
        or not message.locations
    )


def problems():
    """What is wrong with the committed catalogues, as sentences (none when all is well)."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "locale"
        shutil.copytree(LOCALE_DIR, fresh, ignore=shutil.ignore_patterns("*.mo"))
        extract(fresh, with_locations=True)
        for code in LANGUAGES:
            po_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
            committed = _catalogue(po_path)
            current = _catalogue(fresh / code / "LC_MESSAGES" / "django.po")
            ids = {m.id for m in committed if m.id}
            wanted = {m.id for m in current if m.id}
            for msgid in sorted(map(str, wanted - ids))[:20]:
                found.append(f"{code}: not extracted yet: {msgid!r}")
            for msgid in sorted(map(str, ids - wanted))[:20]:
                found.append(f"{code}: no longer in the code: {msgid!r}")
            for message in current:
                if not message.id or message.id not in ids:
                    continue
                translated = committed.get(message.id, context=message.context)
                if translated is None:  # the same words in another context only
                    found.append(f"{code}: not extracted yet: {message.id!r} ({message.context})")
                    continue
                done = translated.string and (
                    all(translated.string) if isinstance(translated.string, tuple) else True
                )
                must = code == "fr" or _seeker_facing(message)
                if (must and not done) or translated.fuzzy:
                    found.append(f"{code}: untranslated or fuzzy: {message.id!r}")
            found += _compiled_problems(code, committed)
    return found


def _compiled_problems(code, committed):
    mo_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
    if not mo_path.exists():
        return [f"{code}: django.mo missing: run manage.py translations"]
    with open(mo_path, "rb") as f:
        compiled = read_mo(f)
    expected = {
        (_hashable(m.id), m.context): _hashable(m.string)
        for m in committed
        if m.id and m.string and not m.fuzzy
    }
    actual = {(_hashable(m.id), _text(m.context)): _hashable(m.string) for m in compiled if m.id}
    if expected != actual:
        return [f"{code}: django.mo is older than django.po: run manage.py translations"]
    return []


def _hashable(value):
    # Babel reads a plural's forms as a tuple from a .po file and as a list from a .mo file.
    return tuple(value) if isinstance(value, list) else value


def _text(context):
    # ...and a message's context as bytes from a .mo file.
    return context.decode() if isinstance(context, bytes) else context
