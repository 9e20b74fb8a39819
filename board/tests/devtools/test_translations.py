"""manage.py translations --check reads the catalogues and leaves them as they are."""

from django.core.management import call_command

from board.devtools.translations import LOCALE_DIR, problems


def test_the_check_passes_and_leaves_the_committed_catalogues_untouched():
    # makemessages writes board/'s strings into board/locale whatever LOCALE_PATHS says:
    # the check once replaced the committed catalogues with half of them.
    paths = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.*"))
    before = {path: path.read_bytes() for path in paths}
    assert problems() == []
    assert {path: path.read_bytes() for path in paths} == before


def test_the_command_says_so():
    call_command("translations", check=True)
