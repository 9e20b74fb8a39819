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
            ignore_patterns=IGNORE,
            verbosity=0,
        )


def update():
    extract(LOCALE_DIR)
    call_command("compilemessages", locale=LANGUAGES, verbosity=0, ignore=IGNORE)


def _catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def _po_path(locale_dir, code):
    return Path(locale_dir) / code / "LC_MESSAGES" / "django.po"


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
        # makemessages writes the strings of board/'s files to board/locale whatever
        # LOCALE_PATHS says (the locale folder nearest to a file wins), and only the
        # templates' to `fresh`: so extract into the real folder and put it back after.
        committed_files = {code: _po_path(LOCALE_DIR, code).read_bytes() for code in LANGUAGES}
        try:
            extract(LOCALE_DIR, with_locations=True)
            for code in LANGUAGES:
                shutil.copyfile(_po_path(LOCALE_DIR, code), _po_path(fresh, code))
        finally:
            for code, content in committed_files.items():
                _po_path(LOCALE_DIR, code).write_bytes(content)
        for code in LANGUAGES:
            po_path = _po_path(LOCALE_DIR, code)
            committed = _catalogue(po_path)
            current = _catalogue(_po_path(fresh, code))
            ids = {m.id for m in committed if m.id}
            wanted = {m.id for m in current if m.id}
            for msgid in sorted(map(str, wanted - ids))[:20]:
                found.append(f"{code}: not extracted yet: {msgid!r}")
            for msgid in sorted(map(str, ids - wanted))[:20]:
                found.append(f"{code}: no longer in the code: {msgid!r}")
            for message in current:
                if not message.id or message.id not in ids:
                    continue
                # By context too: "Save" (a job) and "Save" (a form) are two messages.
                translated = committed.get(message.id, message.context)
                if translated is None:
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
    # read_mo gives a plural message's forms as lists, read_po as tuples.
    # and a context as bytes.
    actual = {
        (_hashable(m.id), m.context.decode() if isinstance(m.context, bytes) else m.context): (
            _hashable(m.string)
        )
        for m in compiled
        if m.id
    }
    if expected != actual:
        return [f"{code}: django.mo is older than django.po: run manage.py translations"]
    return []


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
