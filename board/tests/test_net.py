"""board/tests/net.py: the helpers every service-backed test folder uses."""

import socket

import pytest

from board.tests import net


@pytest.mark.parametrize(
    ("url", "port"),
    [
        ("redis://127.0.0.1/0", 6379),
        ("amqp://guest:guest@127.0.0.1//", 5672),
        ("http://127.0.0.1", 80),
        ("https://127.0.0.1/bucket", 443),
        ("postgres://nexus:nexus@127.0.0.1/nexus", 5432),
        ("redis://127.0.0.1:6390/0", 6390),  # a port given wins
    ],
)
def test_reachable_uses_the_schemes_default_port(monkeypatch, url, port):
    tried = []

    def connect(address, timeout):
        tried.append(address)
        raise ConnectionRefusedError

    monkeypatch.setattr(net.socket, "create_connection", connect)
    assert net.reachable(url) is False
    assert tried == [("127.0.0.1", port)]


def test_reachable_and_closed_port_against_a_real_listener():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert net.reachable(f"http://127.0.0.1:{listener.getsockname()[1]}")
    assert not net.reachable(f"http://127.0.0.1:{net.closed_port()}")


def test_a_url_without_a_port_or_a_known_scheme_is_a_mistake():
    with pytest.raises(ValueError, match="no host or port"):
        net.reachable("tcp://127.0.0.1")


def test_unavailable_skips_or_fails_under_require_services(monkeypatch):
    monkeypatch.setattr(net, "REQUIRE_SERVICES", False)
    with pytest.raises(pytest.skip.Exception):
        net.unavailable("no server")
    monkeypatch.setattr(net, "REQUIRE_SERVICES", True)
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SERVICES=1 forbids skipping"):
        net.unavailable("no server")
