"""Tests of uploaded files in a real S3-compatible store: SeaweedFS, which CI starts
with `bash .ci/seaweedfs/start` (S3 on 127.0.0.1:8333). The run creates its own
bucket (removed at the end), each test its own prefix in it, and STORAGES["default"]
points there exactly as site_config/settings.py does with S3_BUCKET set.
Without the store these tests skip, unless REQUIRE_SERVICES=1.

    S3_TEST_ENDPOINT_URL        the store (CI: http://127.0.0.1:8333)
    S3_TEST_ACCESS_KEY_ID       its access key (CI: nexus-test)
    S3_TEST_SECRET_ACCESS_KEY   its secret (CI: nexus-test-secret)
"""

import os
import uuid

import pytest

from board.tests.net import reachable, unavailable

# The virus-scanning fixtures (a real clamd), for the quarantine on S3.
from board.tests.scanning.conftest import (  # noqa: F401
    clamd_address,
    closed_port,
    scanning,
)

ENDPOINT = os.environ.get("S3_TEST_ENDPOINT_URL", "")
ACCESS_KEY = os.environ.get("S3_TEST_ACCESS_KEY_ID", "nexus-test")
SECRET_KEY = os.environ.get("S3_TEST_SECRET_ACCESS_KEY", "nexus-test-secret")


def storage_settings(bucket, **options):
    """STORAGES["default"] as site_config/settings.py builds it from S3_* variables
    (test_settings.py checks the two agree)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": ENDPOINT,
            "region_name": None,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "location": "",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": None,
            **options,
        },
    }


class Bucket:
    """A test's own part of the bucket (its own prefix), read with boto3 directly,
    not through the app's storage."""

    def __init__(self, client, name, prefix):
        self.client, self.name, self.prefix = client, name, prefix

    def keys(self):
        """The names stored (as the app names them, without the test's prefix)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=f"{self.prefix}/"
        )
        found = [item["Key"] for page in pages for item in page.get("Contents", [])]
        return sorted(key.removeprefix(f"{self.prefix}/") for key in found)

    def key(self, name):
        return f"{self.prefix}/{name}"

    def read(self, name):
        return self.client.get_object(Bucket=self.name, Key=self.key(name))["Body"].read()

    def plain_url(self, name):
        return f"{ENDPOINT}/{self.name}/{self.key(name)}"


@pytest.fixture(scope="session")
def s3_client():
    if not ENDPOINT:
        unavailable("S3_TEST_ENDPOINT_URL is not set (start one: bash .ci/seaweedfs/start)")
    if not reachable(ENDPOINT):
        unavailable(f"no S3 store at {ENDPOINT} (start one: bash .ci/seaweedfs/start)")
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )


@pytest.fixture(scope="session")
def bucket_name(s3_client):
    """One new bucket for the test run, emptied and removed at its end. (One, not
    one a test: SeaweedFS gives each bucket volumes of its own, a few seconds and a
    share of its volume limit; each test has its own prefix in it instead.)"""
    name = f"nexus-test-{uuid.uuid4().hex[:16]}"
    s3_client.create_bucket(Bucket=name)
    yield name
    pages = s3_client.get_paginator("list_objects_v2").paginate(Bucket=name)
    for key in [item["Key"] for page in pages for item in page.get("Contents", [])]:
        s3_client.delete_object(Bucket=name, Key=key)
    s3_client.delete_bucket(Bucket=name)


@pytest.fixture
def bucket(settings, s3_client, bucket_name):
    """The app's uploads going to the test run's bucket, under this test's own
    prefix (S3_PREFIX), which starts empty."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.S3_BUCKET = bucket_name
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_settings(bucket_name, location=prefix),
    }
    return Bucket(s3_client, bucket_name, prefix)
