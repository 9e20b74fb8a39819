"""The translations check (manage.py translations --check, board/devtools/translations.py)."""

import shutil

import pytest

from board.devtools import translations

pytestmark = pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")


def test_the_check_passes_and_leaves_the_committed_catalogues_alone():
    # makemessages writes board/'s strings to the nearest locale folder (board/locale), not
    # to the check's temporary copy: the check used to overwrite the committed catalogues.
    catalogues = sorted(translations.LOCALE_DIR.rglob("django.*"))
    before = {path: path.read_bytes() for path in catalogues}

    assert translations.problems() == []

    assert {path: path.read_bytes() for path in catalogues} == before


def test_compiled_plurals_and_contexts_compare_with_the_catalogue():
    # Babel reads them back from a .mo as lists and bytes, from a .po as tuples and text.
    assert translations._hashable(["a", "b"]) == ("a", "b")
    assert translations._text(b"verb") == "verb"
