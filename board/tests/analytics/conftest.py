import pytest

from board.analytics.counters import buffer

# Django's test client sends no User-Agent, which counts as a robot: pages asked
# with this one count as a person's.
BROWSER = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
}


@pytest.fixture(autouse=True)
def _empty_buffer():
    # The buffer is per process: what earlier tests counted must not land in this one.
    buffer.take()
    yield
    buffer.take()
