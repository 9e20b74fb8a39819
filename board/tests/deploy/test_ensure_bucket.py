"""`manage.py ensure_bucket` (compose.yaml's `createbucket` service) against a real S3 server:
SeaweedFS, started by .ci/seaweedfs/start (S3_TEST_ENDPOINT_URL and its keys)."""

import contextlib
import os
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.management import call_command
from django.core.management.base import CommandError

from board.tests.net import unavailable

ENDPOINT = os.environ.get("S3_TEST_ENDPOINT_URL", "")
KEY = os.environ.get("S3_TEST_ACCESS_KEY_ID", "")
SECRET = os.environ.get("S3_TEST_SECRET_ACCESS_KEY", "")


@pytest.fixture
def s3_settings(settings):
    if not ENDPOINT:
        unavailable("no S3 server (S3_TEST_ENDPOINT_URL is not set)")
    bucket = f"nexus-ensure-{uuid.uuid4().hex[:12]}"
    settings.S3_BUCKET = bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": ENDPOINT,
                "access_key": KEY,
                "secret_key": SECRET,
                "region_name": "us-east-1",
                "signature_version": "s3v4",
                "default_acl": None,
            },
        },
    }
    client = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )
    yield bucket, client
    with contextlib.suppress(ClientError):  # a test that made no bucket
        client.delete_bucket(Bucket=bucket)


def test_creates_the_bucket_once_then_leaves_it(s3_settings, capsys):
    bucket, client = s3_settings
    with pytest.raises(ClientError):
        client.head_bucket(Bucket=bucket)

    call_command("ensure_bucket")
    assert f"Bucket {bucket!r} created." in capsys.readouterr().out
    client.head_bucket(Bucket=bucket)  # raises if it is not there

    # Compose runs it on every `up`: the second time it finds the bucket and leaves it.
    # (No object is written: the shared CI SeaweedFS has few volumes, and each bucket that
    # holds data takes 7 of them.)
    call_command("ensure_bucket")
    assert f"Bucket {bucket!r} exists." in capsys.readouterr().out
    client.head_bucket(Bucket=bucket)


def test_wrong_credentials_fail_with_a_message_not_a_traceback(s3_settings, settings):
    bucket, _client = s3_settings
    default = settings.STORAGES["default"]
    wrong = {**default, "OPTIONS": {**default["OPTIONS"], "secret_key": "not-the-secret"}}
    settings.STORAGES = {**settings.STORAGES, "default": wrong}
    with pytest.raises(CommandError) as failure:
        call_command("ensure_bucket")
    assert bucket in str(failure.value)
    assert "not-the-secret" not in str(failure.value)


def test_nothing_to_do_on_the_local_disk(settings, capsys):
    settings.S3_BUCKET = ""
    call_command("ensure_bucket")
    assert "S3_BUCKET is not set" in capsys.readouterr().out
