"""Prometheus metrics, in prometheus-client's multiprocess mode under gunicorn.

Each gunicorn worker (and each Celery worker process) writes its counters to memory-mapped
files in PROMETHEUS_MULTIPROC_DIR; a scrape of /metrics, answered by any one worker, adds
them all up. gunicorn.conf.py sets the folder up and tells prometheus-client when a worker
has died. Without the variable (tests, runserver) each process counts for itself.

Two figures are not counted but read when Prometheus asks (SampledCollector): the length
of the Celery queue and the outbox's backlog, each one cheap query per scrape.
"""

import logging
import os
import time

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from board.notifications.models import Notification
from board.notifications.outbox import MAX_ATTEMPTS
from site_config.celery import app

logger = logging.getLogger(__name__)

# The *_created series double what a scrape reads and no alert uses them.
disable_created_metrics()
MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
CONTENT_TYPE = CONTENT_TYPE_LATEST
# Any other method is one label value, so odd requests cannot make new series.
METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))

requests_total = Counter(
    "nexus_http_requests_total",
    "HTTP requests answered, by route pattern, method and status class (2xx, 4xx...).",
    ["route", "method", "status"],
)
request_seconds = Histogram(
    "nexus_http_request_duration_seconds",
    "Time from the request entering Django's middleware to the response leaving it.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
task_failures_total = Counter(
    "nexus_celery_task_failures_total",
    "Celery tasks that raised (after their own retries, each attempt that failed), by task.",
    ["task"],
)


# (route, method, status class) -> the counter's and the histogram's series: labels()
# validates and locks on every call, which cost more than the updates themselves.
_series = {}


def observe_request(route, method, status, seconds):
    key = (route, method if method in METHODS else "other", f"{status // 100}xx")
    series = _series.get(key)
    if series is None:
        series = _series[key] = (requests_total.labels(*key), request_seconds.labels(route))
    series[0].inc()
    series[1].observe(seconds)


class SampledCollector:
    """Figures read at scrape time, so nothing runs between scrapes."""

    def collect(self):
        yield from _outbox()
        yield from _queue_lengths()


def _outbox():
    # One query over the partial index of unsent rows (notification_pending_idx). A row
    # that failed MAX_ATTEMPTS times is given up and stays unsent: it is counted apart,
    # or one bad address would keep the backlog alert firing for ever.
    to_send = Q(attempts__lt=MAX_ATTEMPTS)
    figures = Notification.objects.pending().aggregate(
        pending=Count("pk", filter=to_send),
        failing=Count("pk", filter=to_send & Q(attempts__gt=0)),
        abandoned=Count("pk", filter=~to_send),
        oldest=Min("created", filter=to_send),
    )
    oldest = figures["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    for name, text, sample in (
        ("pending", "E-mails in the outbox still to send.", figures["pending"]),
        (
            "failing",
            "E-mails still to send whose delivery failed at least once.",
            figures["failing"],
        ),
        ("abandoned", "E-mails given up after every retry failed.", figures["abandoned"]),
        ("oldest_pending_seconds", "Age of the oldest e-mail still to send; 0 if none.", age),
    ):
        gauge = GaugeMetricFamily(f"nexus_outbox_{name}", text)
        gauge.add_metric([], sample)
        yield gauge


def _queue_lengths():
    if not settings.CELERY_BROKER_URL:
        return  # tasks run in-process: there is no queue
    gauge = GaugeMetricFamily(
        "nexus_celery_queue_length", "Tasks waiting in the broker's queue.", labels=["queue"]
    )
    queue = app.conf.task_default_queue
    started = time.monotonic()
    try:
        with app.connection_for_read(connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=0)
            # passive: only ask, never create the queue
            declared = conn.default_channel.queue_declare(queue=queue, passive=True)
            gauge.add_metric([queue], declared.message_count)
    except Exception as exc:  # a broker away must not break the scrape
        logger.warning("queue length unavailable: %s", type(exc).__name__)
        gauge.add_metric([queue], float("nan"))
    logger.debug("queue length read in %.3f s", time.monotonic() - started)
    yield gauge


def exposition():
    """The text Prometheus reads: every process's counters, then the sampled figures."""
    sampled = CollectorRegistry(auto_describe=False)
    sampled.register(SampledCollector())
    if MULTIPROCESS:
        registry = CollectorRegistry(auto_describe=False)
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry) + generate_latest(sampled)
    return generate_latest(REGISTRY) + generate_latest(sampled)
