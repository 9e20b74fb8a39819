"""The API token endpoint counts against the site's own sign-in limits (allauth's
ACCOUNT_RATE_LIMITS, in the shared cache): failures on the site's form lock the
API and the other way round, and a locked account gets 429 with Retry-After and
no token, even with the right password."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from board.tests.factories import PASSWORD, SeekerFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ACCOUNT_ATTEMPTS = 5  # "login_failed": "…,5/5m/key" in settings
ADDRESS_ATTEMPTS = 10  # "login_failed": "10/m/ip,…"


def _tokens(client, email, password):
    return client.post(TOKEN, {"email": email, "password": password})


def _site_login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def assert_locked(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 300  # the account window, 5 minutes
    assert "access" not in response.json() and "refresh" not in response.json()
    assert "Too many failed sign-in attempts" in response.json()["detail"]


def test_the_account_locks_after_five_failures_even_for_the_right_password(anon):
    user = SeekerFactory()
    answers = [_tokens(anon, user.email, "wrong").status_code for _ in range(ACCOUNT_ATTEMPTS)]
    assert answers == [401] * ACCOUNT_ATTEMPTS
    assert_locked(_tokens(anon, user.email, PASSWORD))
    assert_locked(_tokens(anon, user.email, "wrong"))


def test_the_lock_is_per_account_not_per_spelling(anon):
    SeekerFactory(email="ada@example.com")
    for email in ["ada@example.com", "ADA@example.com", " Ada@Example.com "] * 2:
        _tokens(anon, email, "wrong")
    assert_locked(_tokens(anon, "ada@example.com", PASSWORD))
    other = SeekerFactory()
    assert _tokens(APIClient(REMOTE_ADDR="10.0.0.2"), other.email, PASSWORD).status_code == 200


def test_a_right_password_before_the_limit_still_gets_tokens(anon):
    user = SeekerFactory()
    for _ in range(ACCOUNT_ATTEMPTS - 1):
        _tokens(anon, user.email, "wrong")
    assert _tokens(anon, user.email, PASSWORD).status_code == 200


def test_failures_on_the_site_form_lock_the_api(client, anon):
    user = SeekerFactory()
    for _ in range(ACCOUNT_ATTEMPTS):
        _site_login(client, user.email, "wrong")
    assert_locked(_tokens(anon, user.email, PASSWORD))


def test_failures_on_the_api_lock_the_site_form_and_the_admin(client, anon):
    # The admin's login is allauth's form (site_config/urls.py), so it shares this lock.
    user = SeekerFactory(is_staff=True)
    for _ in range(ACCOUNT_ATTEMPTS):
        _tokens(anon, user.email, "wrong")
    response = _site_login(client, user.email, PASSWORD)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_one_address_trying_many_accounts_is_stopped(anon):
    users = [SeekerFactory() for _ in range(ADDRESS_ATTEMPTS + 1)]
    for user in users[:ADDRESS_ATTEMPTS]:
        assert _tokens(anon, user.email, "wrong").status_code == 401
    response = _tokens(anon, users[-1].email, PASSWORD)
    assert response.status_code == 429
    assert "Retry-After" in response
    # Another address may still sign in to that account.
    assert _tokens(APIClient(REMOTE_ADDR="10.0.0.9"), users[-1].email, PASSWORD).status_code == 200
