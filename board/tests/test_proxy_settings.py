"""Whose address a request comes from, with and without a proxy in front (TRUSTED_PROXY_COUNT).

allauth's per-address rate limits and session records, and the API's throttles, must agree,
and must not believe an X-Forwarded-For the client wrote itself. Behind nginx for real:
board/tests/multinode/test_cross_node.py.
"""

import os
import subprocess
import sys
from pathlib import Path

from allauth.account.adapter import get_adapter
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

ROOT = Path(__file__).resolve().parents[2]


def addresses(request):
    """(allauth's, the API throttle's) idea of the client's address."""
    return get_adapter(request).get_client_ip(request), AnonRateThrottle().get_ident(
        Request(request)
    )


def test_without_a_proxy_a_forwarded_for_header_is_ignored(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.1")
    assert addresses(request) == ("192.0.2.1", "192.0.2.1")


def test_behind_one_proxy_the_address_it_appended_counts(settings, rf):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The client wrote the first entry; nginx appended the address it saw.
    forwarded = "203.0.113.9, 198.51.100.7"
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2")
    assert addresses(request) == ("198.51.100.7", "198.51.100.7")


def test_the_variable_sets_both():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="site_config.settings", TRUSTED_PROXY_COUNT="2")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'])"
    )
    result = subprocess.run(  # noqa: S603 -- our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["2", "2"], result.stderr
