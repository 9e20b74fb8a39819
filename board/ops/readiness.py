"""/readyz: can this node serve real requests? Each service it needs, checked at once.

The checks run in parallel threads under one deadline, so a server that does not answer
costs at most DEADLINE seconds, not the sum of every client's own timeout; each client
also has a short timeout of its own, so a hung thread ends soon after.

Only the checks' names and outcomes are returned or logged, never an exception's text:
it can hold a URL with a password or a host name.
"""

import functools
import logging
import threading
import time
import uuid

import boto3
from botocore.config import Config
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from site_config.celery import app

logger = logging.getLogger(__name__)

DEADLINE = 1.2  # seconds for all checks together; with the rest, the answer comes in < 2 s
SERVICE_TIMEOUT = 1.0  # seconds each client may wait for its server


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # This is a thread of its own: its connection would otherwise stay open.
        connection.close()


def check_cache():
    # Our Redis cache steps aside when Redis is down (reads miss): a value that does not
    # come back is the failure.
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the value written was not read back")
    cache.delete(key)


def check_broker():
    with app.connection_for_write(connect_timeout=SERVICE_TIMEOUT) as conn:
        conn.ensure_connection(max_retries=0)  # one try: a probe must not wait


def check_object_store():
    object_store_client().head_bucket(Bucket=settings.S3_BUCKET)


def object_store_client():
    """The S3 client of the checks, for the storage's current settings (one per process)."""
    options = settings.STORAGES["default"]["OPTIONS"]
    return s3_client(
        options.get("endpoint_url"),
        options.get("region_name"),
        options.get("access_key"),
        options.get("secret_key"),
        options.get("addressing_style"),
    )


def prepare():
    """Build now what the first probe would otherwise build: gunicorn's post_worker_init
    calls this in each new worker, before it takes requests. Nothing without S3_BUCKET."""
    if settings.S3_BUCKET:
        started = time.monotonic()
        object_store_client()
        logger.info("readiness: object store client built in %.3f s", time.monotonic() - started)


@functools.lru_cache(maxsize=4)
def s3_client(endpoint_url, region_name, access_key, secret_key, addressing_style):
    # Built once per process (boto3 takes tens of ms to make one, seconds on a loaded
    # machine: longer than DEADLINE), with short timeouts and no retries, unlike the
    # storage's own client; prepare() builds it before the first probe.
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=region_name,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        config=Config(
            connect_timeout=SERVICE_TIMEOUT,
            read_timeout=SERVICE_TIMEOUT,
            retries={"max_attempts": 1, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": addressing_style or "auto"},
        ),
    )


def checks():
    """{name: check} for the services this configuration uses."""
    chosen = {"database": check_database, "cache": check_cache}
    if settings.CELERY_BROKER_URL:  # none: tasks run in-process, nothing to reach
        chosen["broker"] = check_broker
    if settings.S3_BUCKET:
        chosen["object_store"] = check_object_store
    return chosen


def run_checks(deadline=DEADLINE):
    """{name: "ok" | "fail" | "timeout"}, within `deadline` seconds."""
    results = {}

    def run(name, check):
        try:
            check()
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, type(exc).__name__)
            results[name] = "fail"
        else:
            results[name] = "ok"

    threads = [
        threading.Thread(target=run, args=item, name=f"readyz-{item[0]}", daemon=True)
        for item in checks().items()
    ]
    give_up = time.monotonic() + deadline
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, give_up - time.monotonic()))
    return {name: results.get(name, "timeout") for name in checks()}
