"""Signing in the way a browser does (allauth's form, a user agent, an address), so that
allauth records the session and our adapter the device."""

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from board.tests.factories import PASSWORD

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)
HOME_ADDRESS = "203.0.113.5"


def signed_in(user, *, user_agent=FIREFOX_LINUX, ip=HOME_ADDRESS, password=PASSWORD):
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip)
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content
    assert "_auth_user_id" in client.session
    return client


def token_pair(user):
    response = APIClient().post("/api/v1/auth/token/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()


def refreshes(pair):
    """Whether the pair's refresh token still gives a new access token."""
    response = APIClient().post("/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]})
    return response.status_code == 200


def is_signed_in(client):
    return client.get(reverse("my_applications")).status_code == 200
