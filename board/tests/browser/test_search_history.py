"""Back and Forward on /jobs/ when the server is slow to answer.

The search form has hx-history="false" (a snapshot would keep the HTML but not what is typed
or ticked), so each Back or Forward asks the server for the page of the new URL. Pressed
in quick succession, two of these requests are on their way at once; whichever answer
lands last is what the page shows. These tests hold the first answer back until the second
has landed, which is what a slow network or a busy server does now and then (and what made
test_search.py::test_back_restores_the_search_form_too fail one CI run in two).
"""

import contextlib

import pytest

from board.tests.browser.test_search import ZEPHYR_JOBS, SearchPage, url_has

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Counts the history restores that are over, landed or dropped: an XHR's "loadend" comes
# after htmx's own "load" handler has swapped its answer in.
COUNT_SETTLED_RESTORES = """
window.__restoresSettled = 0;
document.addEventListener("htmx:historyCacheMiss", (event) => {
  event.detail.xhr.addEventListener("loadend", () => { window.__restoresSettled += 1; });
});
"""


def is_history_restore(request):
    return request.headers.get("hx-history-restore-request") == "true"


def test_back_then_forward_shows_the_forward_page_when_back_answers_last(page, jobs):
    page.add_init_script(COUNT_SETTLED_RESTORES)
    page.goto("/jobs/")
    search = SearchPage(page)
    expect(search.heading).to_have_text("25 jobs")
    search.keywords.fill("zephyr")
    page.wait_for_url(url_has(q=["zephyr"]))
    search.expect_jobs(ZEPHYR_JOBS)
    search.remote.check()
    page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])

    held = []

    def hold_the_first_restore(route):
        if is_history_restore(route.request) and not held:
            held.append(route)  # answered below, once Forward's page is in
        else:
            route.continue_()

    page.route("**/jobs/*", hold_the_first_restore)
    page.go_back()
    page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    page.wait_for_function("() => document.readyState === 'complete'")
    assert len(held) == 1
    page.go_forward()
    page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])
    expect(search.remote).to_be_checked()

    # Back's page arrives late, after Forward's.
    # (If the page dropped that request already, there is nothing left to answer.)
    with contextlib.suppress(playwright.Error):
        held[0].continue_()
    page.wait_for_function("() => window.__restoresSettled === 2")

    # The page still shows the URL's search: Forward's, not Back's.
    assert url_has(q=["zephyr"], workplace=["remote"])(page.url)
    search.expect_jobs(["Zephyr Platform Engineer"])
    expect(search.remote).to_be_checked()
    expect(search.keywords).to_have_value("zephyr")
