"""The request id: one per request, in every log line written while it runs and in the
logs of the Celery tasks it enqueues.

A well-formed X-Request-ID from the proxy in front (nginx's $request_id, a load balancer's
trace id) is kept, so one id follows a request through every hop; anything else is
replaced, so a client cannot write arbitrary text into our logs.
"""

import logging
import random
import re
from contextvars import ContextVar

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# Letters, digits, dashes, underscores, dots: UUIDs, nginx's 32 hex digits, AWS's
# "Root=1-..." style ids without the "=". Up to 64, so a log line stays a line.
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")

current = ContextVar("request_id", default=None)


def from_request(meta):
    """The id the request brought, if well-formed, else a new one."""
    offered = meta.get(META_KEY, "")
    if offered and WELL_FORMED.fullmatch(offered):
        return offered
    # Not a secret, only unique: the random module (reseeded in each forked worker) is
    # ten times cheaper than uuid4()'s system call, and the ids look the same.
    return f"{random.getrandbits(128):032x}"


def forget(**kwargs):
    """request_finished: the response is closed, so later lines belong to no request."""
    current.set(None)


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or "-") on every record a handler writes."""

    def filter(self, record):
        record.request_id = current.get() or "-"
        return True
