"""S3_* variables: what site_config/settings.py makes of them, and the system
checks of a bad configuration. No store needed."""

import runpy
from pathlib import Path

import pytest
from django.core.checks import Warning as CheckWarning
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from board.core.storage_checks import signed_urls_safe, storage_settings_valid
from board.tests.storage import conftest as s3

SETTINGS_FILE = Path(__file__).resolve().parents[3] / "site_config" / "settings.py"


def settings_with(monkeypatch, **env):
    for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_PREFIX", "S3_SIGNED_URLS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_the_local_disk_is_the_default(monkeypatch):
    values = settings_with(monkeypatch)
    assert values["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert values["S3_SIGNED_URLS"] is False


def test_the_tests_bucket_is_configured_as_the_settings_would(monkeypatch):
    values = settings_with(
        monkeypatch,
        S3_BUCKET="uploads",
        S3_ENDPOINT_URL=s3.ENDPOINT or "http://127.0.0.1:8333",
        S3_ACCESS_KEY_ID=s3.ACCESS_KEY,
        S3_SECRET_ACCESS_KEY=s3.SECRET_KEY,
    )
    expected = s3.storage_settings("uploads", endpoint_url=s3.ENDPOINT or "http://127.0.0.1:8333")
    assert values["STORAGES"]["default"] == expected
    assert values["STORAGES"]["default"]["OPTIONS"]["default_acl"] is None  # never public


def test_signed_urls_over_http_to_another_machine_warn(settings):
    settings.S3_BUCKET, settings.S3_SIGNED_URLS = "uploads", True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3.storage_settings("uploads", endpoint_url="http://minio.internal:9000"),
    }
    [warning] = signed_urls_safe(None)
    assert isinstance(warning, CheckWarning) and warning.id == "board.W011"
    with pytest.raises(SystemCheckError, match=r"board\.W011"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


@pytest.mark.parametrize(
    "endpoint",
    ["https://minio.example:9000", "http://127.0.0.1:8333", "http://localhost:9000", None],
)
def test_https_loopback_or_aws_is_fine(settings, endpoint):
    settings.S3_BUCKET, settings.S3_SIGNED_URLS = "uploads", True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3.storage_settings("uploads", endpoint_url=endpoint),
    }
    assert signed_urls_safe(None) == []


def test_streamed_downloads_need_no_https_to_the_store(settings):
    settings.S3_BUCKET, settings.S3_SIGNED_URLS = "uploads", False
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3.storage_settings("uploads", endpoint_url="http://minio.internal:9000"),
    }
    assert signed_urls_safe(None) == []


def test_signed_urls_without_a_bucket_warn(settings):
    settings.S3_BUCKET, settings.S3_SIGNED_URLS = "", True
    assert [w.id for w in signed_urls_safe(None)] == ["board.W010"]


def test_no_credentials_is_fine_half_of_them_is_not(settings):
    settings.S3_BUCKET = "uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3.storage_settings("uploads", access_key=None, secret_key=None),
    }
    assert storage_settings_valid(None) == []  # an instance role, AWS_* variables
    settings.STORAGES["default"]["OPTIONS"]["secret_key"] = "secret"
    assert [e.id for e in storage_settings_valid(None)] == ["board.E011"]


@pytest.mark.parametrize("seconds", [0, 604801])
def test_signed_url_lifetime_bounds(settings, seconds):
    settings.S3_SIGNED_URL_SECONDS = seconds
    assert [e.id for e in storage_settings_valid(None)] == ["board.E010"]
