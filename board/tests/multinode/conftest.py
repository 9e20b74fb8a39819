"""Two web nodes behind a load balancer, as real processes (board/tests/multinode/).

Started once for the package's tests (`cluster`), in production settings:

    nginx (Debian's) ──┬── gunicorn node A (2 workers) ──┐
    127.0.0.1:<lb>     └── gunicorn node B (2 workers) ──┼── PostgreSQL: the test database
                                                         ├── Redis: cache, rate limits (db 12)
              Celery worker (Redis broker, db 11) ───────┼── SeaweedFS S3: a bucket of its own
                                                         └── (e-mail into a folder)

Each node has a MEDIA_ROOT of its own, so a file that reached a node's disk instead of
the object store could not be read through the other node.

The nodes read the test database, so the tests that use them run on PostgreSQL with
committed data (`transaction=True`); on SQLite (a database in this process's memory)
they skip by design, even under REQUIRE_SERVICES=1. On PostgreSQL a missing nginx, Redis
or S3 server skips them, or fails them under REQUIRE_SERVICES=1 (CI).

    MULTINODE_REDIS_URL    the nodes' cache   (default redis://127.0.0.1:6379/12, emptied)
    MULTINODE_BROKER_URL   the Celery broker  (default redis://127.0.0.1:6379/11, emptied)
    NGINX_PATH             nginx              (default: found on PATH or /usr/sbin/nginx)
    S3_TEST_ENDPOINT_URL, S3_TEST_ACCESS_KEY_ID, S3_TEST_SECRET_ACCESS_KEY   the S3 server
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from board.tests.multinode.processes import spawn, wait_until_answering
from board.tests.net import free_port, reachable, unavailable

REDIS_URL = os.environ.get("MULTINODE_REDIS_URL", "redis://127.0.0.1:6379/12")
BROKER_URL = os.environ.get("MULTINODE_BROKER_URL", "redis://127.0.0.1:6379/11")
S3_ENDPOINT = os.environ.get("S3_TEST_ENDPOINT_URL", "")
S3_KEY = os.environ.get("S3_TEST_ACCESS_KEY_ID", "nexus-test")
S3_SECRET = os.environ.get("S3_TEST_SECRET_ACCESS_KEY", "nexus-test-secret")
NGINX = os.environ.get("NGINX_PATH") or shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Cluster:
    lb: str  # http://127.0.0.1:<port> of nginx
    nodes: dict  # "a"/"b" -> http://127.0.0.1:<port>
    processes: dict  # name -> Process
    bucket: str
    s3: object  # a boto3 client of the S3 server
    redis: object  # a redis client of the nodes' cache
    mail_dir: Path
    media: dict  # "a"/"b" -> the node's own MEDIA_ROOT, which must stay empty
    nginx_log: Path
    started_in: float = 0.0
    notes: dict = field(default_factory=dict)

    def url(self, where, path):
        base = self.lb if where == "lb" else self.nodes[where]
        return base + path

    def mails(self):
        """E-mails the worker has finished writing (Django's file backend ends each with
        a line of 79 dashes)."""
        texts = (path.read_text(errors="replace") for path in sorted(self.mail_dir.glob("*")))
        return [text for text in texts if text.endswith("-" * 79 + "\n")]


def _test_database_url():
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "localhost"
    return f"postgres://{user}:{password}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def _environment(tmp, bucket):
    """Production settings, shared by every node and the worker (one SECRET_KEY: a
    session or CSRF token signed on one node must check on the other)."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("CELERY_", "DATABASE_", "EMAIL_", "REDIS_", "S3_", "DJANGO_", "CLAMD_", "SECURE_")
        )
        and name not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT", "STATIC_ROOT")
    }
    return {
        **kept,
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP here; production terminates TLS in nginx (X-Forwarded-Proto).
        "SECURE_SSL_REDIRECT": "false",
        # nginx is the one proxy in front: the client's address is the last X-Forwarded-For.
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "EMAIL_URL": f"file://{tmp / 'mail'}",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": S3_ENDPOINT,
        "S3_ACCESS_KEY_ID": S3_KEY,
        "S3_SECRET_ACCESS_KEY": S3_SECRET,
        "S3_REGION": "us-east-1",
        "S3_ADDRESSING_STYLE": "path",
        "STATIC_ROOT": str(tmp / "static"),
        "PYTHONUNBUFFERED": "1",
    }


# The hashed names and manifest the nodes' storage reads, without the gzip and Brotli copies
# (half of collectstatic's time, and the test is not about compression:
# board/tests/test_settings.py runs the real thing).
COLLECTSTATIC = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
call_command("collectstatic", interactive=False, verbosity=0)
"""

NGINX_CONF = """\
# The load balancer of the multi-node test: see docs for the production version.
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format upstreams '$status $request_method $uri $upstream_addr $upstream_status '
                         '$request_time $upstream_response_time';
    access_log {tmp}/nginx-access.log upstreams;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    client_max_body_size 7m;  # DATA_UPLOAD_MAX_MEMORY_SIZE is 6 MiB
    upstream nexus {{
        # One failure takes a node out for 10 s; nginx then tries it again.
        server 127.0.0.1:{port_a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{port_b} max_fails=1 fail_timeout=10s;
    }}
    server {{
        listen 127.0.0.1:{port_lb};
        location / {{
            proxy_pass http://nexus;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A refused or broken connection, or a node answering 502/503, is retried on
            # the other node. Only for GET/HEAD/OPTIONS once the request was sent: nginx
            # never re-sends a POST a node may have acted on (no `non_idempotent`).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


def _check_services():
    if connection.vendor != "postgresql":
        # Not a failure even under REQUIRE_SERVICES: CI runs these on PostgreSQL.
        pytest.skip(
            "the web nodes are other processes and cannot see the SQLite test database "
            "(in memory); run with DATABASE_URL=postgres://… to include these tests"
        )
    if not os.access(NGINX, os.X_OK):
        unavailable(f"nginx is not installed at {NGINX} (apt-get install nginx)")
    for name, url in (("Redis", REDIS_URL), ("the Redis broker", BROKER_URL)):
        if not reachable(url):
            unavailable(f"{name} is not reachable at {url}")
    if not S3_ENDPOINT or not reachable(S3_ENDPOINT):
        unavailable(f"no S3 server at S3_TEST_ENDPOINT_URL={S3_ENDPOINT!r} (.ci/seaweedfs/start)")


@pytest.fixture(scope="package")
def cluster(request, django_db_blocker, tmp_path_factory):
    import boto3
    import redis

    _check_services()
    request.getfixturevalue("django_db_setup")  # the test database, once we know it is used
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("multinode")
    (tmp / "mail").mkdir()
    bucket = f"nexus-multinode-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client(
        "s3",
        endpoint_url=S3_ENDPOINT,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket=bucket)
    cache_redis = redis.Redis.from_url(REDIS_URL)
    broker_redis = redis.Redis.from_url(BROKER_URL)
    cache_redis.flushdb()
    broker_redis.flushdb()

    env = _environment(tmp, bucket)
    processes = {}
    try:
        processes["worker"] = spawn(
            "worker",
            [
                sys.executable, "-m", "celery", "-A", "site_config", "worker", "--pool=solo",
                "--concurrency=1", "--loglevel=INFO", "--without-heartbeat",
                "--without-gossip", "--without-mingle",
            ],
            env,
            tmp,
        )  # fmt: skip
        # While the worker starts: WhiteNoise serves from STATIC_ROOT in production, read
        # when a node starts.
        subprocess.run(  # noqa: S603 -- our own interpreter and script
            [sys.executable, "-c", COLLECTSTATIC],
            cwd=Path(django_settings.BASE_DIR),
            env=env,
            check=True,
            timeout=120,
        )
        collected = time.monotonic() - started
        ports = {"a": free_port(), "b": free_port()}
        for name, port in ports.items():
            # Each node keeps its own disk: an upload that is not in S3 cannot cross nodes.
            media = tmp / f"media-{name}"
            media.mkdir()
            processes[name] = spawn(
                f"node-{name}",
                [
                    sys.executable, "-m", "gunicorn", "site_config.wsgi",
                    "-b", f"127.0.0.1:{port}", "-w", "2",
                ],
                {**env, "MEDIA_ROOT": str(media)},
                tmp,
            )  # fmt: skip
        port_lb = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                # Run as root (CI), nginx's workers would become `nobody`, who cannot write
                # request bodies into our temporary folder; keep them as this user.
                user="user root root;" if os.geteuid() == 0 else "",
                tmp=tmp,
                port_a=ports["a"],
                port_b=ports["b"],
                port_lb=port_lb,
            )
        )
        processes["nginx"] = spawn("nginx", [NGINX, "-c", str(conf), "-p", str(tmp)], env, tmp)
        nodes = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for name in ("a", "b"):
            wait_until_answering(processes[name], nodes[name] + "/healthz")
        lb = f"http://127.0.0.1:{port_lb}"
        wait_until_answering(processes["nginx"], lb + "/healthz")
        if not processes["worker"].alive():
            pytest.fail(f"the worker exited:\n{processes['worker'].log_tail()}", pytrace=False)
        yield Cluster(
            lb=lb,
            nodes=nodes,
            processes=processes,
            bucket=bucket,
            s3=s3,
            redis=cache_redis,
            mail_dir=tmp / "mail",
            media={name: tmp / f"media-{name}" for name in ports},
            nginx_log=tmp / "nginx-access.log",
            started_in=time.monotonic() - started,
            notes={"collectstatic_s": collected},
        )
    finally:
        for process in processes.values():
            process.terminate()
        deadline = time.monotonic() + 10
        for process in processes.values():
            process.stop(deadline)
        cache_redis.flushdb()
        broker_redis.flushdb()
        _empty_bucket(s3, bucket)
        # The nodes' connections to the test database are gone with them; make sure, so
        # that pytest-django can drop it at the end of the session.
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _empty_bucket(s3, bucket):
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)


@pytest.fixture(autouse=True)
def _shared_cache(cluster, settings):
    """Each test starts with an empty Redis, as after a deploy, and with every node up.

    This process writes to the database too (factories), so it shares the nodes' cache,
    as a management command or the worker does in production: a job saved here announces
    itself (bump_jobs_version) to the nodes' cached listings."""
    cluster.redis.flushdb()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "site_config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nexus",  # as site_config/settings.py writes it
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    for name in ("a", "b"):  # a node a test killed may still be starting again
        wait_until_answering(cluster.processes[name], cluster.nodes[name] + "/healthz")
    yield
    _wait_until_the_database_is_quiet()
    cluster.redis.flushdb()


def _wait_until_the_database_is_quiet(timeout=30):
    """Wait until no other session is inside a statement or a transaction on the test
    database (the nodes and the worker finishing what the test started).

    pytest-django empties the tables after each test here (TRUNCATE, table by table,
    each locked exclusively): a node or the worker still in a transaction that had read
    one table and then wanted another deadlocked with it once in CI, the TRUNCATE lost,
    and the next test found the rows it had left.
    """
    deadline = time.monotonic() + timeout
    quiet_polls = 0
    while quiet_polls < 2 and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            busy = cursor.fetchone()[0]
        quiet_polls = quiet_polls + 1 if not busy else 0
        time.sleep(0.1)
