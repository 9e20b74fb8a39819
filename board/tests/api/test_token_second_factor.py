"""The token endpoint asks for the second factor of accounts that have one (`otp`): an
authenticator app's code (never twice) or a recovery code (once, ever), checked by
allauth's own code; failures count in the account's sign-in lockout, shared with the
site's two-factor step. No token skips it."""

import pytest
from django.urls import reverse

from board.tests.accounts.two_factor import current_code, enable_totp, recovery_codes
from board.tests.factories import PASSWORD, SeekerFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def _tokens(client, user, **otp):
    return client.post(TOKEN, {"email": user.email, "password": PASSWORD, **otp})


def assert_refused(response, code):
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == code
    assert "access" not in body and "refresh" not in body
    assert response["WWW-Authenticate"]


@pytest.fixture
def user():
    user = SeekerFactory()
    enable_totp(user)
    return user


def test_an_account_without_a_second_factor_needs_no_code(anon):
    response = _tokens(anon, SeekerFactory())
    assert response.status_code == 200 and "access" in response.json()


def test_without_the_code(anon, user):
    response = _tokens(anon, user)
    assert_refused(response, "otp_required")
    assert "two-factor sign-in" in response.json()["detail"]
    assert_refused(_tokens(anon, user, otp=""), "otp_required")


def test_with_a_wrong_code(anon, user):
    response = _tokens(anon, user, otp="000000")
    assert_refused(response, "otp_invalid")
    assert response.json()["detail"] == "That code is wrong, expired or already used."


def test_with_the_apps_code(anon, user):
    response = _tokens(anon, user, otp=current_code(user))
    assert response.status_code == 200
    assert response.json().keys() == {"access", "refresh"}
    # The token works.
    me = anon.get(
        "/api/v1/me/applications/", HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}"
    )
    assert me.status_code == 200


def test_an_apps_code_cannot_be_replayed(anon, user):
    code = current_code(user)
    assert _tokens(anon, user, otp=code).status_code == 200
    assert_refused(_tokens(anon, user, otp=code), "otp_invalid")


def test_a_code_used_on_the_site_cannot_be_used_on_the_api(client, anon, user):
    code = current_code(user)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" in client.session
    assert_refused(_tokens(anon, user, otp=code), "otp_invalid")


def test_a_recovery_code_works_once(anon, user):
    code = recovery_codes(user)[3]
    assert _tokens(anon, user, otp=code).status_code == 200
    assert code not in recovery_codes(user)
    assert_refused(_tokens(anon, user, otp=code), "otp_invalid")


def test_a_wrong_password_is_refused_before_the_code_is_looked_at(anon, user):
    code = current_code(user)
    response = anon.post(TOKEN, {"email": user.email, "password": "wrong", "otp": code})
    assert response.status_code == 401 and response.json().get("code") != "otp_invalid"
    assert _tokens(anon, user, otp=code).status_code == 200  # the code was not used up


def test_five_wrong_codes_lock_the_account_even_for_the_right_code(anon, user):
    for _ in range(5):
        assert_refused(_tokens(anon, user, otp="000000"), "otp_invalid")
    locked = _tokens(anon, user, otp=current_code(user))
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == 300


def test_wrong_codes_on_the_site_lock_the_api(client, anon, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert _tokens(anon, user, otp=current_code(user)).status_code == 429


def test_a_right_code_clears_earlier_failures(anon, user):
    for _ in range(4):
        _tokens(anon, user, otp="000000")
    assert _tokens(anon, user, otp=current_code(user)).status_code == 200
    for _ in range(4):
        assert_refused(_tokens(anon, user, otp="000000"), "otp_invalid")


def test_the_schema_documents_the_code(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/auth/token/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]
    assert "otp" in fields and "recovery code" in fields["otp"]["description"]
    examples = operation["responses"]["401"]["content"]["application/json"]["examples"]
    codes = {example["value"].get("code") for example in examples.values()}
    assert {"otp_required", "otp_invalid"} <= codes
