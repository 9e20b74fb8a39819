import pytest

from board.tests.factories import CompanyFactory, EmployerFactory, MembershipFactory


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
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s a hash; tests check logic, not crypto.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
