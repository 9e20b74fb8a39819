"""The read replica's sticky rule in a real browser: after an htmx save, the browser keeps
the `primary_until` cookie (HttpOnly, SameSite=Lax) and sends it back, so the seeker's next
pages read the primary; a visitor without it reads the replica.

The site runs with the replica's router and middleware (as with DATABASE_REPLICA_URL) in a
live server of this test's own, started after the settings change; "replica" is a second
name for the test database (board/tests/replica/conftest.py).
"""

import re
import time

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import CaptureQueriesContext

from board.core.replica.middleware import STICKY_COOKIE
from board.tests.browser.test_seeker_journey import sign_in
from board.tests.factories import JobFactory, SeekerFactory
from board.tests.replica.conftest import replica_alias, route_reads

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture(scope="module", autouse=True)
def _replica(django_db_setup):
    with replica_alias():
        yield


class Server:
    def __init__(self, url):
        self.url = url


@pytest.fixture
def routed_server(settings):
    route_reads(settings)
    # An in-memory SQLite database exists only in this thread's connections: the server
    # shares them, as Django's LiveServerTestCase does (and then queries show up here).
    shared = {
        alias: connections[alias]
        for alias in ("default", "replica")
        if connections[alias].vendor == "sqlite" and connections[alias].is_in_memory_db()
    }
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = LiveServerThread("localhost", StaticFilesHandler, shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield Server(f"http://localhost:{thread.port}"), bool(shared)
    thread.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


@pytest.fixture
def new_page(browser, routed_server):
    """Pages in fresh browser contexts on that server, closed before it stops (its request
    threads must not outlive the connections it shares)."""
    server, _ = routed_server
    contexts = []

    def new_page():
        contexts.append(browser.new_context(base_url=server.url))
        return contexts[-1].new_page()

    yield new_page
    for context in contexts:
        context.close()


def test_after_a_save_the_browser_keeps_the_seeker_on_the_primary(routed_server, new_page):
    server, queries_seen_here = routed_server
    job = JobFactory(title="Canal lock keeper")
    saved_button = re.compile(r"^Saved\b.*remove Canal lock keeper")
    page = new_page()
    sign_in(page, server, SeekerFactory())
    page.goto(job.get_absolute_url())
    page.get_by_role("button", name="Save Canal lock keeper").click()
    expect(page.get_by_role("button", name=saved_button)).to_be_visible()

    (cookie,) = [c for c in page.context.cookies() if c["name"] == STICKY_COOKIE]
    assert cookie["httpOnly"]
    assert cookie["sameSite"] == "Lax"
    assert 5 < cookie["expires"] - time.time() <= 10

    sent = []
    page.on("request", lambda r: sent.append(r.header_value("cookie") or ""))
    with CaptureQueriesContext(connections["replica"]) as seeker_reads:
        page.reload()
        expect(page.get_by_role("button", name=saved_button)).to_be_visible()
    assert f"{STICKY_COOKIE}=" in sent[0]

    visitor = new_page()
    with CaptureQueriesContext(connections["replica"]) as visitor_reads:
        visitor.goto(job.get_absolute_url())
        expect(visitor.get_by_role("heading", name="Canal lock keeper")).to_be_visible()
    if queries_seen_here:  # the server's queries show in this thread's connections (SQLite)
        assert not seeker_reads.captured_queries
        assert any("board_job" in query["sql"] for query in visitor_reads.captured_queries)
