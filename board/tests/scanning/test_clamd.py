"""The clamd client (board/scanning/clamd.py) against a real clamd."""

import os
import time

import pytest

from board.scanning.clamd import ScannerUnavailable, instream, parse_address
from board.tests.scanning.files import clean_pdf, eicar, pdf_of_size, pdf_with_eicar

# Where .ci/clamav/start puts it; only connected to, never created here.
UNIX_SOCKET = os.environ.get(
    "CLAMD_TEST_SOCKET",
    "/tmp/nexus-clamav/clamd.sock",  # noqa: S108
)


def test_clean_data_has_no_signature(clamd_address):
    assert instream([clean_pdf()], address=clamd_address, timeout=5) is None


def test_the_eicar_file_is_found_by_name(clamd_address):
    # clamd says "Eicar-Signature….UNOFFICIAL" for a database of ours: the suffix is dropped.
    found = instream([eicar()], address=clamd_address, timeout=5)
    assert found.startswith("Eicar-Signature")
    assert not found.endswith("UNOFFICIAL")


def test_eicar_inside_a_pdf_is_found(clamd_address):
    assert instream([pdf_with_eicar()], address=clamd_address, timeout=5).startswith("Eicar")


def test_data_split_across_chunks_is_scanned_as_one_stream(clamd_address):
    data = eicar()
    assert instream([data[:10], data[10:40], data[40:]], address=clamd_address, timeout=5)


def test_unix_socket(clamd_address):
    if not os.path.exists(UNIX_SOCKET):
        pytest.skip(f"no clamd socket at {UNIX_SOCKET}")
    address = f"unix://{os.path.abspath(UNIX_SOCKET)}"
    assert instream([eicar()], address=address, timeout=5).startswith("Eicar-Signature")
    assert instream([b"hello"], address=address, timeout=5) is None


def test_a_closed_port_is_unavailable_at_once(closed_port):
    started = time.monotonic()
    with pytest.raises(ScannerUnavailable):
        instream([b"hello"], address=closed_port, timeout=5)
    assert time.monotonic() - started < 1


def test_a_missing_unix_socket_is_unavailable(tmp_path):
    with pytest.raises(ScannerUnavailable):
        instream([b"hello"], address=f"unix://{tmp_path}/none.sock", timeout=1)


def test_a_scanner_that_never_answers_times_out(silent_server):
    started = time.monotonic()
    with pytest.raises(ScannerUnavailable):
        instream([b"hello"], address=silent_server, timeout=0.5)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "address, expected",
    [
        ("unix:///run/clamav/clamd.ctl", "/run/clamav/clamd.ctl"),
        ("/run/clamav/clamd.ctl", "/run/clamav/clamd.ctl"),
        ("tcp://127.0.0.1:3310", ("127.0.0.1", 3310)),
        ("clamav.internal:3310", ("clamav.internal", 3310)),
    ],
)
def test_addresses(address, expected):
    assert parse_address(address)[1] == expected


@pytest.mark.parametrize("address", ["tcp://127.0.0.1", "http://x:1", "clamd"])
def test_bad_addresses(address):
    with pytest.raises(ValueError):
        parse_address(address)


def test_cost_of_scanning_a_1_mb_pdf(clamd_address, capsys):
    """Not a limit, a measurement for docs: the time one upload spends in clamd."""
    data = pdf_of_size(1024 * 1024)
    instream([data], address=clamd_address, timeout=5)  # warm
    runs = []
    for _ in range(10):
        started = time.perf_counter()
        assert instream([data], address=clamd_address, timeout=5) is None
        runs.append(time.perf_counter() - started)
    runs.sort()
    with capsys.disabled():
        print(f"\nclamd INSTREAM of a {len(data):,}-byte PDF: median {runs[5] * 1000:.1f} ms")
    assert runs[5] < 5
