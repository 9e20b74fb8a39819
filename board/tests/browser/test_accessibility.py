"""Accessibility in a real browser: axe-core on the main public pages, and keyboard basics.

axe runs in the same CSP-enforcing context as every other browser test: Playwright's
evaluate() is not subject to the page's CSP, so no bypass is needed, and these pages are
checked for CSP violations like all others.
"""

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
)
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["light", "dark"])
def page(request, open_page):
    """Every check here runs in both themes (issue 19): the site follows the system's
    setting by default, so the browser's prefers-color-scheme picks the theme. The
    chosen themes (a cookie) are checked in test_look.py."""
    return open_page(color_scheme=request.param)


BLOCKING_IMPACTS = {"serious", "critical"}


def serious_violations(page, *, only=None, skip=()):
    """axe-core's serious and critical violations on the page as it is now, as text.

    `only` runs just these rules; `skip` leaves out rules whose failure is a known bug
    that a strict xfail test tracks.
    """
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": list(only)}
    results = axe_playwright.Axe().run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS or violation["id"] in skip:
            continue
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node["failureSummary"].replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def sign_in(page, user, base_url):
    """Give the page's browser context a session for `user`, as logging in would."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.mark.parametrize(
    ("path", "skip"),
    [
        pytest.param(lambda jobs: "/", (), id="home"),
        pytest.param(lambda jobs: "/jobs/", (), id="job-list"),
        pytest.param(lambda jobs: "/jobs/?q=zephyr", (), id="job-list-keywords"),
        pytest.param(lambda jobs: "/jobs/?q=zephyr&workplace=remote", (), id="job-list-filters"),
        pytest.param(lambda jobs: "/jobs/?q=no-such-job", (), id="job-list-no-results"),
        pytest.param(lambda jobs: jobs[0].get_absolute_url(), (), id="job-page"),
    ],
)
def test_page_has_no_serious_accessibility_violations(page, jobs, path, skip):
    page.goto(path(jobs))

    assert not (report := serious_violations(page, skip=skip)), report


def test_job_page_with_the_apply_form_has_no_serious_violations(page, jobs, live_server):
    from board.tests.factories import SeekerFactory

    sign_in(page, SeekerFactory(), live_server.url)
    page.goto(jobs[0].get_absolute_url())
    expect(page.get_by_role("button", name="Send application")).to_be_visible()

    assert not (report := serious_violations(page)), report


def test_search_results_swapped_in_by_htmx_stay_accessible(page, jobs):
    page.goto("/jobs/")
    page.get_by_role("searchbox", name="Keywords").fill("zephyr")
    page.get_by_role("checkbox", name="Remote", exact=True).check()
    expect(page.locator("#result-count")).to_have_text("1 job found")

    assert not (report := serious_violations(page)), report


@pytest.mark.parametrize("path", ["/", "/jobs/"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, path):
    page.goto(path)
    skip_link = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    # Hidden until focused (visually-hidden-focusable), then shown to sighted keyboard users.
    box = skip_link.bounding_box()
    assert box is not None and box["width"] > 1 and box["height"] > 1

    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()
    assert page.url.endswith(f"{path}#main")
