"""Throttling: anonymous and signed-in clients each have a rate; beyond it, 429."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

from board.tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_rates(monkeypatch):
    # The classes read the rates once, at import; the cache is cleared per test (conftest).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


def test_settings_rates():
    from django.conf import settings

    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "60/minute", "user": "300/minute"}


def test_anonymous_clients_get_429(anon, small_rates):
    codes = [anon.get("/api/v1/categories/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = anon.get("/api/v1/jobs/")
    assert response.status_code == 429
    assert "throttled" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_signed_in_clients_are_counted_per_user(seeker_a, seeker_b, small_rates):
    client = bearer(seeker_a)
    codes = [client.get("/api/v1/me/saved/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    assert bearer(seeker_b).get("/api/v1/me/saved/").status_code == 200
