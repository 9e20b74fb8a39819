import pytest

from board.search import synonyms


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    # Each process keeps the synonym table for a while; each test reads its own rows.
    synonyms.forget()
    yield
    synonyms.forget()
