"""The site's own CSS and JavaScript load in a real browser, from our origin only."""

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bootstrap_htmx_and_site_css_load(page, live_server):
    responses = {}
    page.on("response", lambda response: responses.setdefault(response.url, response.status))

    page.goto("/jobs/")
    page.wait_for_load_state("load")

    static = {url: status for url, status in responses.items() if "/static/" in url}
    names = {url.rsplit("/", 1)[-1] for url in static}
    assert {"htmx-2.min.js", "bootstrap.min.css", "bootstrap.bundle.min.js", "site.css"} <= names
    assert set(static.values()) == {200}, static
    # Nothing is fetched from anywhere but our own server: the site works offline.
    assert all(url.startswith(live_server.url) for url in responses), responses
    # And the scripts ran: htmx processed the page, Bootstrap defined its components.
    assert page.evaluate("typeof htmx.version === 'string' && typeof bootstrap.Collapse")


def test_site_has_a_favicon(page):
    page.goto("/")
    icon = page.locator("link[rel~='icon']")
    href = icon.first.get_attribute("href") if icon.count() else "/favicon.ico"
    assert page.request.get(href).ok
