"""Ports and servers for the tests that start processes or need real services.

A test whose server is not reachable is skipped (`unavailable`), so `pytest` passes on a
laptop with none of them; `REQUIRE_SERVICES=1` (CI) turns every such skip into a failure.
"""

import os
import socket
from urllib.parse import urlsplit

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
# The port a URL means when it names none.
DEFAULT_PORTS = {
    "redis": 6379,
    "rediss": 6379,
    "amqp": 5672,
    "amqps": 5671,
    "http": 80,
    "https": 443,
    "postgres": 5432,
    "postgresql": 5432,
}


def free_port():
    """A loopback port free a moment ago (bound, then released): for a server to start on,
    or, left alone, a port where connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The same thing, named for what a test does with it: nothing listens there.
closed_port = free_port


def reachable(url, timeout=1):
    """Whether a TCP connection to the URL's host and port opens within `timeout` s."""
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    if not parts.hostname or port is None:
        raise ValueError(f"no host or port in {parts.scheme}://{parts.hostname}")
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def unavailable(reason):
    """Skip the test for a missing server, or fail it under REQUIRE_SERVICES=1."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason}; REQUIRE_SERVICES=1 forbids skipping", pytrace=False)
    pytest.skip(reason)
