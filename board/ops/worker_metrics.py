"""A Celery worker's own metrics, served on WORKER_METRICS_PORT (off when unset).

/metrics is answered by gunicorn and adds up the web's processes only; a task that fails
on a worker is counted in the worker's processes, which nothing else reads. With
WORKER_METRICS_PORT set, the worker's main process serves them itself, on
WORKER_METRICS_ADDR (loopback unless set), behind the same METRICS_TOKEN as /metrics.

The prefork pool (Celery's default) runs tasks in child processes, and a child's counts
die with it unless they are written down: PROMETHEUS_MULTIPROC_DIR must be set for the
worker (the Docker image sets it; a folder of the worker's own, not gunicorn's), so each
process writes its counts to files there and the main process adds them up, as gunicorn
does. It cannot be chosen here: prometheus-client decides at import whether it runs in
multiprocess mode, and the worker sets Django up (importing it) before its first signal.

Celery's signals of the worker itself, connected when board/apps.py imports this module
(Celery sets Django up before celeryd_init, so all of them are heard):

- celeryd_init (main process, before the pool starts): the folder is emptied, or counts
  of an earlier run would be added to this one's;
- worker_ready (main process, pool started): the HTTP server, on a daemon thread, or an
  error logged and nothing served without METRICS_TOKEN or PROMETHEUS_MULTIPROC_DIR;
- worker_process_shutdown (in each pool child as it exits): mark_process_dead.
"""

import hmac
import logging
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from celery import signals
from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)

logger = logging.getLogger(__name__)

PATH = "/metrics"


def port():
    """The port asked for in WORKER_METRICS_PORT, or None (unset or empty: no server)."""
    value = os.environ.get("WORKER_METRICS_PORT", "").strip()
    return int(value) if value else None


@signals.celeryd_init.connect
def empty_folder(**kwargs):
    """celeryd_init: no counts left from an earlier run (no process has written yet)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if port() is None or not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for stale in Path(folder).glob("*.db"):
        stale.unlink()


@signals.worker_ready.connect
def serve(**kwargs):
    """worker_ready: start the metrics server if asked for; the server, or None."""
    wanted = port()
    if wanted is None:
        return None
    if not settings.METRICS_TOKEN:
        # As /metrics: without a token nothing is served (a 404 there, no port here).
        logger.error(
            "worker metrics: WORKER_METRICS_PORT is set but METRICS_TOKEN is not; not serving"
        )
        return None
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # The pool's children would count for themselves: figures that miss every task
        # failure are worse than none.
        logger.error(
            "worker metrics: WORKER_METRICS_PORT is set but PROMETHEUS_MULTIPROC_DIR is not; "
            "not serving"
        )
        return None
    address = os.environ.get("WORKER_METRICS_ADDR", "").strip() or "127.0.0.1"
    try:
        server = MetricsServer((address, wanted), settings.METRICS_TOKEN)
    except OSError as exc:
        # The tasks matter more than their metrics: the worker runs on, Prometheus sees
        # the target down (up == 0), and the log says why.
        logger.error("worker metrics: cannot listen on %s:%s: %s", address, wanted, exc)
        return None
    thread = threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True)
    thread.start()
    logger.info("worker metrics on http://%s:%s%s", address, server.server_port, PATH)
    return server


@signals.worker_process_shutdown.connect
def forget_process(pid=None, **kwargs):
    """worker_process_shutdown, in the pool child exiting: its live gauges stop counting;
    its counters stay in the sums (a child killed outright never gets here)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid or os.getpid())


def exposition():
    """Prometheus's text for this worker: every process's counts, the dead children's
    included. Not the outbox or queue figures: /metrics serves those, once."""
    registry = CollectorRegistry(auto_describe=False)
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry)


class MetricsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, token):
        self.expected = f"Bearer {token}".encode()
        super().__init__(address, MetricsHandler)


class MetricsHandler(BaseHTTPRequestHandler):
    server_version = "nexus-worker-metrics"
    sys_version = ""

    def do_GET(self):
        self._answer(body=True)

    def do_HEAD(self):
        self._answer(body=False)

    def _answer(self, body):
        offered = self.headers.get("Authorization")
        if self.path.split("?")[0] != PATH:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", body)
        elif not offered:
            self._send(HTTPStatus.UNAUTHORIZED, b"a bearer token is needed\n", body)
        # Constant time, so the token cannot be guessed a character at a time.
        elif not hmac.compare_digest(offered.encode(), self.server.expected):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", body)
        else:
            self._send(HTTPStatus.OK, exposition(), body, CONTENT_TYPE_LATEST)

    def _send(self, status, payload, body, content_type="text/plain; charset=utf-8"):
        self.send_response(status)
        if status == HTTPStatus.UNAUTHORIZED:
            self.send_header("WWW-Authenticate", "Bearer")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def log_message(self, format, *args):
        # A scrape every few seconds: not worth a log line each (the default writes every
        # request to stderr); failures to answer are logged by log_error.
        pass

    def log_error(self, format, *args):
        logger.warning("worker metrics: %s", format % args)
