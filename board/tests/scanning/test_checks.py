"""`check --deploy` warns when production stores uploads unscanned."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.checks.registry import registry

from board.scanning.checks import scanner_address_valid, scanner_configured

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-django-checks-0123456789",
    "ALLOWED_HOSTS": "jobs.example.com",
}


def deploy_check(**env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SECRET_KEY", "DEBUG", "CLAMD_"))
    }
    full_env.update(PRODUCTION, **env)
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(  # noqa: S603 -- our own interpreter running our own manage.py
        command, cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_production_without_a_scanner_fails_the_deploy_check():
    result = deploy_check()
    assert result.returncode != 0
    assert "board.W001" in result.stderr
    assert "CLAMD_ADDRESS is not set" in result.stderr


def test_production_with_a_scanner_passes_the_deploy_check():
    result = deploy_check(CLAMD_ADDRESS="unix:///run/clamav/clamd.ctl")
    assert result.returncode == 0, result.stderr


def test_the_warning_is_a_deploy_check_only(settings):
    settings.CLAMD_ADDRESS = ""
    assert scanner_configured not in registry.get_checks()
    assert scanner_configured in registry.get_checks(include_deployment_checks=True)
    assert [w.id for w in scanner_configured(None)] == ["board.W001"]
    settings.CLAMD_ADDRESS = "tcp://127.0.0.1:3310"
    assert scanner_configured(None) == []


def test_a_malformed_address_is_an_error(settings):
    assert scanner_address_valid in registry.get_checks()
    settings.CLAMD_ADDRESS = "clamd-without-a-port"
    assert [e.id for e in scanner_address_valid(None)] == ["board.E001"]
    settings.CLAMD_ADDRESS = "tcp://127.0.0.1:3310"
    assert scanner_address_valid(None) == []
