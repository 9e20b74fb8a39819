"""The job search at /jobs/ in a real browser: htmx swaps, URL state, history, no-JS fallback.

"Without a page load" is proven two ways: a marker set on `window` survives (a page load
would start a fresh window), and the browser fetched no new document.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from board.search import vocabulary

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZEPHYR_JOBS = ["Zephyr Platform Engineer", "Zephyr Data Scientist", "Zephyr Support Lead"]


def url_has(**expected):
    """A predicate for page.wait_for_url: the query has these values (None: absent).

    Blank parameters are ignored: the form sends every field, filled in or not.
    """

    def matches(url):
        if urlsplit(url).path != "/jobs/":
            return False
        params = parse_qs(urlsplit(url).query)  # drops blank values
        return all(params.get(name) == value for name, value in expected.items())

    return matches


class SearchPage:
    """The parts of /jobs/ the tests look at and use."""

    def __init__(self, page):
        self.page = page
        self.keywords = page.get_by_role("searchbox", name="Keywords")
        self.remote = page.get_by_role("checkbox", name="Remote", exact=True)
        self.heading = page.locator("#results-heading")
        self.announcement = page.locator("#result-count")
        self.titles = page.locator("#results .job-card h3")
        self.pages = page.get_by_role("navigation", name="Pages of results")

    def chip(self, label):
        return self.page.get_by_role("link", name=f"{label} (remove this filter)")

    def expect_jobs(self, titles):
        """The results are exactly these jobs, in any order (PostgreSQL ranks by relevance)."""
        count = len(titles)
        found = f"{count} job{'s' if count != 1 else ''}"
        expect(self.heading).to_have_text(found)
        expect(self.announcement).to_have_text(f"{found} found")
        expect(self.titles).to_have_count(count)
        assert sorted(self.titles.all_inner_texts()) == sorted(titles)

    def mark_window(self):
        self.page.evaluate("window.__marker = 1")

    def expect_same_window(self):
        assert self.page.evaluate("window.__marker") == 1, "the page was reloaded"


@pytest.fixture
def search(page, jobs):
    documents = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else 0)
    page.goto("/jobs/")
    search_page = SearchPage(page)
    expect(search_page.heading).to_have_text("25 jobs")
    search_page.mark_window()
    documents.clear()
    search_page.documents = documents
    return search_page


def test_typing_keywords_updates_results_in_place(search):
    htmx_requests = []
    search.page.on(
        "request", lambda r: htmx_requests.append(r.url) if r.headers.get("hx-request") else 0
    )

    search.keywords.press_sequentially("zephyr")

    search.page.wait_for_url(url_has(q=["zephyr"]))
    search.expect_jobs(ZEPHYR_JOBS)
    search.expect_same_window()
    assert search.documents == []
    # Typing is debounced: one search for the word, not one per keystroke.
    assert len(htmx_requests) == 1, htmx_requests
    expect(search.keywords).to_be_focused()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typos are corrected on PostgreSQL")
def test_a_misspelt_word_finds_the_jobs_of_the_word_it_was_meant_for(search):
    vocabulary.refresh()  # what beat does every hour

    search.keywords.press_sequentially("zephir")

    search.page.wait_for_url(url_has(q=["zephir"]))
    search.expect_jobs(ZEPHYR_JOBS)
    note = search.page.get_by_text("No jobs contain “zephir” as typed")
    expect(note).to_contain_text("these are jobs with similar words")
    expect(search.keywords).to_have_value("zephir")  # what was typed stays in the box
    search.expect_same_window()


def test_workplace_checkbox_narrows_results_and_its_chip_removes_it(search):
    search.keywords.fill("zephyr")
    search.page.wait_for_url(url_has(q=["zephyr"]))
    search.expect_jobs(ZEPHYR_JOBS)

    search.remote.check()

    search.page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])
    expect(search.chip("Remote")).to_be_visible()

    search.chip("Remote").click()

    search.page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.expect_jobs(ZEPHYR_JOBS)
    expect(search.remote).not_to_be_checked()
    expect(search.chip("Remote")).to_have_count(0)
    expect(search.keywords).to_have_value("zephyr")
    # The chip that had focus is gone; focus continues at the new results.
    expect(search.page.locator("#results-heading")).to_be_focused()
    search.expect_same_window()
    assert search.documents == []


def test_back_and_forward_restore_earlier_results(search):
    search.keywords.fill("zephyr")
    search.page.wait_for_url(url_has(q=["zephyr"]))
    search.expect_jobs(ZEPHYR_JOBS)
    search.remote.check()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])

    search.page.go_back()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.expect_jobs(ZEPHYR_JOBS)

    search.page.go_back()
    search.page.wait_for_url(url_has(q=None, workplace=None))
    expect(search.heading).to_have_text("25 jobs")
    expect(search.titles).to_have_count(20)

    search.page.go_forward()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.expect_jobs(ZEPHYR_JOBS)

    search.page.go_forward()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])
    # htmx restored each state from its history cache, in the same window.
    search.expect_same_window()


def test_back_restores_the_search_form_too(search):
    search.keywords.fill("zephyr")
    search.page.wait_for_url(url_has(q=["zephyr"]))
    search.expect_jobs(ZEPHYR_JOBS)
    search.remote.check()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])

    search.page.go_back()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.expect_jobs(ZEPHYR_JOBS)
    expect(search.keywords).to_have_value("zephyr", timeout=1000)

    # What the user sees when the form forgot: ticking Remote again must give the one
    # remote Zephyr job, not every remote job.
    search.remote.check()
    search.page.wait_for_url(url_has(workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])

    search.page.go_back()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.page.go_forward()
    search.page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    expect(search.keywords).to_have_value("zephyr", timeout=1000)
    expect(search.remote).to_be_checked(timeout=1000)


def test_pagination_link_swaps_in_the_next_page(search):
    search.keywords.fill("developer")
    search.page.wait_for_url(url_has(q=["developer"]))
    expect(search.heading).to_have_text("22 jobs")
    expect(search.titles).to_have_count(20)

    search.pages.get_by_role("link", name="Next").click()

    search.page.wait_for_url(url_has(q=["developer"], page=["2"]))
    expect(search.titles).to_have_count(2)
    expect(search.pages.locator("[aria-current=page]")).to_have_text("2")
    expect(search.announcement).to_have_text("22 jobs found")
    search.expect_same_window()
    assert search.documents == []


def test_search_works_without_javascript(no_js_page, jobs):
    page = no_js_page
    page.goto("/jobs/")
    search = SearchPage(page)
    expect(search.heading).to_have_text("25 jobs")

    search.keywords.fill("zephyr")
    search.remote.check()
    page.get_by_role("button", name="Search", exact=True).click()

    page.wait_for_url(url_has(q=["zephyr"], workplace=["remote"]))
    search.expect_jobs(["Zephyr Platform Engineer"])

    # The chips are plain links, so removing a filter works too.
    search.chip("Remote").click()
    page.wait_for_url(url_has(q=["zephyr"], workplace=None))
    search.expect_jobs(ZEPHYR_JOBS)
    expect(search.keywords).to_have_value("zephyr")
