"""A client of ClamAV's daemon, clamd: the INSTREAM command, nothing else.

The protocol is short enough to speak ourselves (docs: clamd(8), "INSTREAM"):
send `zINSTREAM\\0`, then the data in chunks each prefixed by its length as a
4-byte big-endian number, then a zero length; clamd answers `stream: OK\\0` or
`stream: <signature name> FOUND\\0` (or an error such as "INSTREAM size limit
exceeded"). We keep our own ~60 lines rather than a client package so that the
two things that matter here are ours: a short timeout on every socket call,
and every failure being one exception, ScannerUnavailable.

CLAMD_ADDRESS is `unix:///run/clamav/clamd.ctl` (or a bare path) or
`tcp://127.0.0.1:3310` (or `host:port`).
"""

import socket
import struct
from urllib.parse import urlsplit

CHUNK = 64 * 1024
# clamd marks names from databases it did not get from ClamAV (ours in CI, a
# third-party feed in production) so; people reading the message need not see it.
UNOFFICIAL = ".UNOFFICIAL"


class ScannerUnavailable(OSError):
    """clamd did not answer, or not in a way we understand: nothing was scanned."""


def parse_address(address):
    """(socket family, address) for socket.connect from CLAMD_ADDRESS."""
    if address.startswith("unix://"):
        return socket.AF_UNIX, address.removeprefix("unix://")
    if address.startswith("/"):
        return socket.AF_UNIX, address
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp" or not parts.hostname or not parts.port:
        raise ValueError("CLAMD_ADDRESS must be unix:///path/to/clamd.sock or tcp://host:port")
    return socket.AF_INET6 if ":" in parts.hostname else socket.AF_INET, (
        parts.hostname,
        parts.port,
    )


def instream(chunks, *, address, timeout):
    """Scan the data (an iterable of bytes) and return the signature found, or None if clean.

    Raises ScannerUnavailable when clamd is down, slow beyond `timeout` seconds
    on any one socket operation, or answers something else than a verdict.
    """
    family, where = parse_address(address)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(where)
            connection.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    part = chunk[start : start + CHUNK]
                    connection.sendall(struct.pack("!L", len(part)) + part)
            connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection)
    except OSError as exc:  # refused, reset, timed out, no such socket file
        raise ScannerUnavailable(f"clamd at {address}: {type(exc).__name__}") from exc
    return _verdict(reply, address)


def _read_reply(connection):
    reply = b""
    while not reply.endswith(b"\0"):
        part = connection.recv(4096)
        if not part:
            break
        reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def _verdict(reply, address):
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        name = reply.removeprefix("stream: ").removesuffix(" FOUND")
        return name.removesuffix(UNOFFICIAL)
    # "INSTREAM size limit exceeded. ERROR", an empty reply from a clamd that
    # hung up, anything else: no verdict, so no file goes through on it.
    raise ScannerUnavailable(f"clamd at {address} answered {reply[:80]!r}")
