"""Servers for the operations tests: Redis, a broker, the S3 store, and ports where nothing
listens. Skipped when a server is missing, failed under REQUIRE_SERVICES=1 (CI)."""

import os
import uuid

import pytest

from board.tests.integration.conftest import BROKERS, REDIS_TEST_URL
from board.tests.net import reachable, unavailable


@pytest.fixture
def redis_url():
    if not reachable(REDIS_TEST_URL):
        unavailable(f"Redis is not reachable at {REDIS_TEST_URL}")
    return REDIS_TEST_URL


@pytest.fixture(params=sorted(BROKERS))
def live_broker(request):
    url = BROKERS[request.param]
    if not reachable(url):
        unavailable(f"the {request.param} broker is not reachable at {url}")
    return url


@pytest.fixture
def use_broker():
    """use_broker(url): Celery publishes to `url` (as CELERY_BROKER_URL would make it);
    undone at teardown."""
    from django.conf import settings
    from kombu import pools

    from site_config.celery import app

    saved = (settings.CELERY_BROKER_URL, app.conf.broker_url, app.conf.task_always_eager)

    def reset():
        pools.reset()
        app._pool = None
        app.__dict__.pop("amqp", None)

    def use(url):
        settings.CELERY_BROKER_URL = url
        app.conf.update(broker_url=url, task_always_eager=False)
        reset()

    yield use
    settings.CELERY_BROKER_URL = saved[0]
    app.conf.update(broker_url=saved[1], task_always_eager=saved[2])
    reset()


@pytest.fixture
def s3_store(settings):
    """A fresh bucket on the test S3 server, and settings that use it (as S3_BUCKET would)."""
    import boto3

    endpoint = os.environ.get("S3_TEST_ENDPOINT_URL")
    if not endpoint:
        unavailable("S3_TEST_ENDPOINT_URL is not set (no S3 server to test against)")
    options = {
        "endpoint_url": endpoint,
        "region_name": "us-east-1",
        "access_key": os.environ.get("S3_TEST_ACCESS_KEY_ID"),
        "secret_key": os.environ.get("S3_TEST_SECRET_ACCESS_KEY"),
        "addressing_style": "path",
    }
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    bucket = f"nexus-readyz-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    settings.S3_BUCKET = bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    yield options
    client.delete_bucket(Bucket=bucket)
