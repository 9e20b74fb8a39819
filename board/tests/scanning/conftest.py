"""Virus-scanning tests run against a real clamd: CI starts one with the test
signatures only (`bash .ci/clamav/start`, listening on /tmp/nexus-clamav/clamd.sock
and 127.0.0.1:3310). Without it these tests skip, unless REQUIRE_SERVICES=1.

    CLAMD_TEST_ADDRESS   the clamd the tests use (default tcp://127.0.0.1:3310)
    CLAMD_TEST_SOCKET    its unix socket (default /tmp/nexus-clamav/clamd.sock)
"""

import os
import socket
import threading

import pytest

from board.scanning.clamd import ScannerUnavailable, instream
from board.tests.net import closed_port as closed_loopback_port
from board.tests.net import unavailable

CLAMD_TEST_ADDRESS = os.environ.get("CLAMD_TEST_ADDRESS", "tcp://127.0.0.1:3310")


def clamd_answers(address):
    try:
        return instream([b"ping"], address=address, timeout=2) is None
    except ScannerUnavailable:
        return False


@pytest.fixture(scope="session")
def clamd_address():
    if not clamd_answers(CLAMD_TEST_ADDRESS):
        unavailable(f"no clamd at {CLAMD_TEST_ADDRESS} (start one: bash .ci/clamav/start)")
    return CLAMD_TEST_ADDRESS


@pytest.fixture
def scanning(settings, clamd_address):
    """Scanning on, against the real clamd; uploads refused when it is down."""
    settings.CLAMD_ADDRESS = clamd_address
    settings.CLAMD_TIMEOUT = 5
    settings.CLAMD_UNAVAILABLE = "refuse"
    return settings


def closed_port_address():
    """A TCP port on loopback where nothing listens: connecting is refused."""
    return f"tcp://127.0.0.1:{closed_loopback_port()}"


@pytest.fixture
def closed_port():
    return closed_port_address()


@pytest.fixture
def scanner_down(settings, closed_port):
    """Scanning on, with clamd not answering (its address is a closed port)."""
    settings.CLAMD_ADDRESS = closed_port
    settings.CLAMD_TIMEOUT = 1
    settings.CLAMD_UNAVAILABLE = "refuse"
    return settings


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: a hung clamd."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()
