"""API tokens die when the password changes (site form, reset link, admin) and on
"sign out everywhere" (site button or API): access tokens at once, refresh tokens
at their next refresh."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from board.tests.factories import PASSWORD, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db

TOKEN, REFRESH = "/api/v1/auth/token/", "/api/v1/auth/token/refresh/"
SIGN_OUT_EVERYWHERE = "/api/v1/auth/sign-out-everywhere/"
ME = "/api/v1/me/applications/"
NEW_PASSWORD = "a-brand-new-passphrase-42"


def _pair(user, password=PASSWORD):
    response = APIClient().post(TOKEN, {"email": user.email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def _bearer(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def assert_dead(pair):
    response = _bearer(pair["access"]).get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    assert "revoked" in response.json()["detail"]
    assert APIClient().post(REFRESH, {"refresh": pair["refresh"]}).status_code == 401


def assert_alive(pair):
    assert _bearer(pair["access"]).get(ME).status_code == 200
    assert APIClient().post(REFRESH, {"refresh": pair["refresh"]}).status_code == 200


def test_tokens_carry_the_users_stamp_and_work():
    user = SeekerFactory()
    user.sign_out_everywhere()  # a stamp that is not empty
    pair = _pair(user)
    assert AccessToken(pair["access"])["stamp"] == user.security_stamp
    assert_alive(pair)


def test_changing_the_password_on_the_site_ends_every_token(client):
    user = SeekerFactory()
    pair = _pair(user)
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert_dead(pair)
    assert_alive(_pair(user, NEW_PASSWORD))


def test_resetting_the_password_ends_every_token(client):
    user = SeekerFactory()
    pair = _pair(user)
    user.refresh_from_db()  # signing in changed last_login, which the reset key covers
    key = default_token_generator.make_token(user)
    uid = user_pk_to_url_str(user)
    link = client.get(reverse("account_reset_password_from_key", args=[uid, key]))
    assert link.status_code == 302  # the key moves into the session
    response = client.post(link["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert_dead(pair)


def test_staff_setting_a_password_in_the_admin_ends_every_token(client):
    user = SeekerFactory()
    pair = _pair(user)
    client.force_login(StaffFactory())
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert_dead(pair)


def test_sign_out_everywhere_on_the_api_ends_every_token_of_the_user():
    user, other = SeekerFactory(), SeekerFactory()
    phone, laptop, others = _pair(user), _pair(user), _pair(other)
    response = _bearer(phone["access"]).post(SIGN_OUT_EVERYWHERE)
    assert response.status_code == 204
    assert_dead(phone)
    assert_dead(laptop)
    assert_alive(others)
    assert_alive(_pair(user))  # signing in again works


def test_sign_out_everywhere_on_the_api_needs_a_signed_in_post():
    assert APIClient().post(SIGN_OUT_EVERYWHERE).status_code == 401
    pair = _pair(SeekerFactory())
    assert _bearer(pair["access"]).get(SIGN_OUT_EVERYWHERE).status_code == 405
    assert_alive(pair)


def test_sign_out_everywhere_on_the_site_ends_every_token(client):
    user = SeekerFactory()
    pair = _pair(user)
    client.force_login(user)
    assert client.post(reverse("account_sign_out_everywhere")).status_code == 302
    assert_dead(pair)


def test_a_rotated_refresh_token_keeps_the_stamp_and_dies_with_it():
    user = SeekerFactory()
    rotated = APIClient().post(REFRESH, {"refresh": _pair(user)["refresh"]}).json()
    user.sign_out_everywhere()
    assert_dead(rotated)


def test_tokens_from_before_stamps_existed_work_until_the_first_change():
    user = SeekerFactory()  # the factory stores a hash directly: no stamp yet
    assert user.security_stamp == ""
    legacy = _bearer(AccessToken.for_user(user))  # no stamp claim, as before this change
    assert legacy.get(ME).status_code == 200
    user.sign_out_everywhere()
    assert legacy.get(ME).status_code == 401


def test_a_deleted_users_refresh_token_is_refused_not_a_crash():
    user = SeekerFactory()
    pair = _pair(user)
    user.delete()
    assert APIClient().post(REFRESH, {"refresh": pair["refresh"]}).status_code == 401
