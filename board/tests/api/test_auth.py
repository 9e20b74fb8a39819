"""JWT lifecycle: who gets tokens, how long they last, rotation and logout."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from board.tests.factories import PASSWORD, SeekerFactory

pytestmark = pytest.mark.django_db

TOKEN, REFRESH, LOGOUT = (
    "/api/v1/auth/token/",
    "/api/v1/auth/token/refresh/",
    "/api/v1/auth/logout/",
)
ME = "/api/v1/me/applications/"


def _tokens(client, email, password=PASSWORD):
    return client.post(TOKEN, {"email": email, "password": password})


def test_verified_account_gets_a_pair_that_works(anon, seeker_a):
    response = _tokens(anon, "Seeker-A@Example.com ")
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    anon.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert anon.get(ME).status_code == 200


def test_unverified_account_is_refused(anon):
    user = SeekerFactory(verified=False)
    response = _tokens(anon, user.email)
    assert response.status_code == 403
    assert "verify" in response.json()["detail"].lower()


@pytest.mark.parametrize("email,password", [("seeker-a@example.com", "wrong"), ("no@x.io", "x")])
def test_bad_credentials_401(anon, seeker_a, email, password):
    response = _tokens(anon, email, password)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_missing_and_malformed_tokens_401(anon):
    assert anon.get(ME).status_code == 401
    anon.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert anon.get(ME).status_code == 401


def test_expired_access_token_refused(seeker_a):
    token = AccessToken.for_user(seeker_a)
    token.set_exp(lifetime=-timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_access_token_lasts_five_minutes(anon, seeker_a):
    access = AccessToken(_tokens(anon, seeker_a.email).json()["access"])
    # simplejwt dates "exp" from the refresh token's creation and "iat" from the access
    # token's, a moment later: across a second's boundary the two differ by one.
    assert 299 <= access["exp"] - access["iat"] <= 300


def test_refresh_rotates_and_the_old_refresh_token_is_dead(anon, seeker_a):
    first = _tokens(anon, seeker_a.email).json()
    rotated = anon.post(REFRESH, {"refresh": first["refresh"]})
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != first["refresh"]
    assert anon.post(REFRESH, {"refresh": first["refresh"]}).status_code == 401
    assert anon.post(REFRESH, {"refresh": rotated.json()["refresh"]}).status_code == 200


def test_logout_blacklists_the_refresh_token(anon, seeker_a):
    pair = _tokens(anon, seeker_a.email).json()
    assert anon.post(LOGOUT, {"refresh": pair["refresh"]}).status_code == 204
    assert anon.post(REFRESH, {"refresh": pair["refresh"]}).status_code == 401
    # Logging out twice, or with rubbish, is a 400 with the field named.
    assert anon.post(LOGOUT, {"refresh": pair["refresh"]}).status_code == 400
    assert "refresh" in anon.post(LOGOUT, {"refresh": "x"}).json()
