"""site_config/healthcheck.py, the image's HEALTHCHECK and compose's web health check, run as
Docker runs it (a fresh `python FILE PATH`) against a live server."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "site_config" / "healthcheck.py"


def probe(live_server, path, allowed_hosts):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PORT": str(urlsplit(live_server.url).port),
        "ALLOWED_HOSTS": allowed_hosts,
    }
    return subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(SCRIPT), *([path] if path else [])],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.django_db
def test_healthy_when_healthz_answers(live_server):
    result = probe(live_server, None, "localhost,127.0.0.1")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_unhealthy_when_the_path_does_not_answer_200(live_server):
    result = probe(live_server, "/no-such-page", "localhost")
    assert result.returncode == 1
    assert "HTTP 404" in result.stderr


@pytest.mark.django_db
def test_sends_a_host_django_accepts(live_server, settings):
    # Production's ALLOWED_HOSTS never lists 127.0.0.1, where the probe connects.
    settings.ALLOWED_HOSTS = ["jobs.example.com"]
    assert probe(live_server, "/healthz", ".jobs.example.com,other.example").returncode == 0
    refused = probe(live_server, "/healthz", "elsewhere.example")
    assert refused.returncode == 1
    assert "HTTP 400" in refused.stderr


def test_unhealthy_when_nothing_listens():
    env = {"PATH": os.environ.get("PATH", ""), "PORT": "1"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert "/healthz" in result.stderr
