import pytest

from board.search import synonyms
from board.tests.factories import CompanyFactory, EmployerFactory, MembershipFactory

# Fixtures that several test folders share, loaded as plugins rather than imported.
pytest_plugins = ["board.tests.screening_fixtures"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    # Uploaded files from tests go to a throwaway folder, never the real MEDIA_ROOT.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.fixture
def employer(company):
    """An employer who owns `company`."""
    return MembershipFactory(company=company).user


@pytest.fixture
def other_employer():
    return MembershipFactory(user=EmployerFactory()).user


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits count in the cache; each test starts from zero.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    # Each process keeps the synonym table for 30 s (board/search/synonyms.py). Kept from
    # an earlier test, it ran out between two requests of a test counting a search's
    # queries, which then differed by one (8 and 7, seen in CI). Each test reads its own.
    synonyms.forget()
    yield
    synonyms.forget()


@pytest.fixture(autouse=True)
def _planner_statistics_of_this_test(request):
    """On PostgreSQL, the jobs table's statistics start each test from what it holds.

    A keyword search takes one more statement or another path when the planner's
    estimates call it broad (board/search/ranking.py), and those come from statistics
    that earlier tests' committed rows left and that autovacuum replaces whenever it
    runs: the same search over the same rows cost 9 queries with fresh statistics, 11
    with stale ones. ANALYZE in the test's transaction reads the test's own rows and
    holds its lock until the test ends, so autovacuum cannot replace them meanwhile."""
    uses_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if not uses_database:
        return
    request.getfixturevalue("db")  # the marker's database, set up before this runs
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE board_job")


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request activates its page's language in the thread that served it and leaves it
    # there; the test client serves in the test's thread, so a /fr/ request would make the
    # next test's reverse() French. Each test starts in English, and ends there.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s a hash; tests check logic, not crypto.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _admin_without_second_factor(settings):
    # The admin requires staff to have signed in with a second factor (board/accounts/mfa.py);
    # tests of the admin's features sign staff in with force_login, which uses none. The
    # requirement's own tests (board/tests/accounts/test_mfa_admin.py) switch it back on.
    settings.STAFF_REQUIRE_MFA = False
