"""gunicorn's production settings, read from the working directory by `gunicorn site_config.wsgi`.

Every value comes from an environment variable with a default fit for one machine behind
a reverse proxy (nginx, a cloud load balancer). Flags on the command line win over this
file (the benchmark and the multi-node test pass their own --bind and --workers).
"""

import gc
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# Sync workers: one request at a time each, so a worker's CPU and its one database
# connection (CONN_MAX_AGE) are never shared. 2 x cores + 1 is gunicorn's own advice; capped,
# because every worker holds a PostgreSQL connection and ~100 MB of memory.
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 12))
# GUNICORN_THREADS > 1 switches to threaded workers (gthread): for slow clients without a
# buffering proxy in front. Each thread then holds its own database connection.
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# Every interface on $PORT (a container, a platform's router); without PORT, loopback only,
# as gunicorn itself does, so a laptop never serves the network by accident.
bind = [f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8000"]
# A request running longer than this is killed (its worker restarted): no page of ours
# should take more than a few seconds, and a stuck one must not hold a worker for ever.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy, `docker stop`, a scale-down) workers stop accepting, finish the
# requests in flight for up to this long, then exit. Keep it below the platform's own
# grace period (Docker: 10 s by default; Kubernetes: 30 s), or they are killed first.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
# Seconds an idle keep-alive connection from the proxy stays open (threaded workers only;
# sync workers close after each response, which is right behind a buffering proxy).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker restarts after about this many requests (jitter: not all at once), so a slow
# leak in any library can never grow without bound. 0 turns it off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Django is loaded, with every view and the GraphQL schema (site_config/wsgi.py), once in
# the master, and each worker is forked ready (when_ready, below). Loaded in each worker
# instead, every start and every max_requests recycle cost ~1.6 s of CPU before the
# worker's first answer: under thousands of cheap requests a second (/healthz in the
# benchmark), recycling took most of the machine (docs/operations.md). Off (0): each worker
# loads the code itself (`kill -HUP` then picks up new code; with preloading, a deploy
# restarts gunicorn).
preload_app = bool(_int("GUNICORN_PRELOAD", 1))
# The workers' heartbeat files: in memory, not on a container's overlay disk, where a slow
# fsync can make gunicorn think a busy worker is dead (and the disk may be read-only).
SHM = "/dev/shm"  # noqa: S108 -- gunicorn creates its files there with mkstemp
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# The proxies whose X-Forwarded-* headers are believed: loopback unless set (a compose
# network or a load balancer's subnet goes here, comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django writes one JSON line per request with its id (board/ops/middleware.py), so
# gunicorn's own access log is off; GUNICORN_ACCESS_LOG=- turns it on (to stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "nexus-jobs"

# Prometheus in multiprocess mode (board/ops/metrics.py): each worker writes its counters
# to files in this folder and /metrics adds them up. It must exist before any worker
# writes a metric, and start empty: counts left by an earlier run would be added to this
# one's. (The master, which imports the code first with preload_app, writes none: every
# metric has labels, so none has a value until a worker sets one.) Set
# PROMETHEUS_MULTIPROC_DIR to choose it; by default, a fresh folder in memory (/dev/shm)
# for this gunicorn only.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
        prefix="nexus-prometheus-", dir=worker_tmp_dir
    )


def on_starting(server):
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def when_ready(server):
    # Runs in the master once the code is loaded (preload_app), before the first fork.
    if not server.cfg.preload_app:
        return
    from django.db import connections

    # Nothing in the load queries the database; were a connection ever opened, forked
    # workers must not share it.
    connections.close_all()
    # What the master made lives as long as the workers: out of the garbage collector's
    # reach, its pages stay shared with them. Else a worker's first full collection
    # touched every object and the kernel copied the master's memory: /healthz 1,240 →
    # 2,376 req/s with workers recycled every 1,000 requests (docs/benchmarks.md).
    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    # /readyz's S3 client, built before the worker's first request rather than in it: boto3
    # takes tens of ms to build one (seconds on a loaded machine, past the probe's deadline),
    # which made the first probe after every start or worker recycle slow or a "timeout".
    from board.ops import readiness

    try:
        readiness.prepare()
    except Exception:  # a bad S3 setting: /readyz reports it; the worker must still serve
        worker.log.exception("readiness.prepare() failed")


def child_exit(server, worker):
    # A dead worker's live gauges must stop counting; its counters stay in the sums.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    if Path(folder).name.startswith("nexus-prometheus-"):  # only the folder we made
        shutil.rmtree(folder, ignore_errors=True)
