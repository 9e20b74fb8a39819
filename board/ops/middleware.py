"""One middleware for what operators see of each request: its id, one log line, metrics.

First in MIDDLEWARE, so the time and the status are those the client gets, whatever the
other middleware do. The load balancer's probes (/healthz, /readyz) and Prometheus's scrapes
pass straight through: they arrive every few seconds and would drown the real traffic, and
/healthz must stay as cheap as it was.
"""

import logging
import time

from django.contrib.auth import SESSION_KEY
from django.core.signals import request_finished
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject

from board.ops import metrics, request_ids
from board.ops.routes import route_of

logger = logging.getLogger("nexus.requests")
request_finished.connect(request_ids.forget, dispatch_uid="board.ops.request_ids.forget")

QUIET_PATHS = frozenset(("/healthz", "/readyz", "/metrics"))


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in QUIET_PATHS:
            return self.get_response(request)
        request_id = request_ids.from_request(request.META)
        # Kept until the response is closed (request_ids.forget), not reset on the way out:
        # Django logs a 4xx or 5xx after the last middleware returns, and that line needs it.
        request_ids.current.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response[request_ids.HEADER] = request_id
        route = route_of(request)
        try:
            metrics.observe_request(route, request.method, response.status_code, seconds)
        except OSError:  # PROMETHEUS_MULTIPROC_DIR gone or full: count nothing, serve anyway
            logger.warning("metrics not recorded: PROMETHEUS_MULTIPROC_DIR is not writable")
        if logger.isEnabledFor(logging.INFO):
            log_request(request, response, route, seconds)
        return response


def log_request(request, response, route, seconds):
    # The route, never the path or the query string: either may hold an id or a token.
    logger.info(
        "%s %s %s",
        request.method,
        route,
        response.status_code,
        extra={
            "method": request.method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user": user_label(request),
        },
    )


def user_label(request):
    """ "anonymous", or a keyed hash of the user's id (the same user always gives the same
    hash, so one person's requests can be followed; no one can read an id back without
    SECRET_KEY). "-" when the request never looked at who it was from: finding out now
    would cost a query the response did not need."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return "-"
        user_id = session.get(SESSION_KEY)
    else:  # set by DRF's authentication (a JWT) or a test
        user_id = user.pk if user is not None and user.is_authenticated else None
    if user_id is None:
        return "anonymous"
    return (
        "user:" + salted_hmac("nexus.ops.user", str(user_id), algorithm="sha256").hexdigest()[:16]
    )
