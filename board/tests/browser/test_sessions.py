"""Sessions and devices in a real browser: one browser signs another out; the privacy
and accessibility pages and the sessions page pass axe-core, have their landmarks, and
reflow at 320 pixels (WCAG 1.4.10: a 1280-pixel screen at 400 % zoom)."""

import pytest

from board.tests.browser.helpers import sign_in_with_form

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
axe_playwright = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
)
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious_violations(page):
    results = axe_playwright.Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {violation['help']} at "
        + ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def _signed_in_page(open_page, user):
    page = open_page()
    page.goto("/accounts/login/")
    sign_in_with_form(page, user.email, "correct-horse-battery-staple")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def test_a_second_browser_signs_the_first_out_from_the_sessions_page(open_page):
    from board.tests.factories import SeekerFactory

    user = SeekerFactory()
    first = _signed_in_page(open_page, user)
    second = _signed_in_page(open_page, user)

    second.goto("/account/sessions/")
    sessions = second.get_by_role("region", name="Signed-in browsers").get_by_role("listitem")
    expect(sessions).to_have_count(2)
    this_device = sessions.filter(has_text="This device")
    expect(this_device).to_have_count(1)
    expect(this_device.get_by_role("button")).to_have_count(0)
    sessions.filter(has_not_text="This device").get_by_role("button", name="Sign out").click()

    expect(second.get_by_role("status")).to_contain_text("That session is signed out.")
    expect(sessions).to_have_count(1)
    first.goto("/me/")
    expect(first.get_by_role("heading", name="Sign In")).to_be_visible()
    expect(first.get_by_role("link", name="Sign in")).to_be_visible()
    second.goto("/me/")  # the one that acted stays signed in
    expect(second.get_by_role("button", name="Sign out")).to_be_visible()


def test_sign_out_everywhere_here_too_signs_out_every_browser(open_page):
    from board.tests.factories import SeekerFactory

    user = SeekerFactory()
    first = _signed_in_page(open_page, user)
    second = _signed_in_page(open_page, user)
    second.goto("/account/sessions/")
    second.get_by_role("button", name="Sign out everywhere, here too").click()
    expect(second.get_by_role("heading", name="Sign In")).to_be_visible()
    first.goto("/me/")
    expect(first.get_by_role("heading", name="Sign In")).to_be_visible()


@pytest.mark.parametrize("path", ["/privacy/", "/accessibility/", "/account/sessions/"])
def test_pages_are_accessible_and_reflow_at_320_pixels(open_page, path):
    from board.tests.factories import SeekerFactory

    page = _signed_in_page(open_page, SeekerFactory()) if "account" in path else open_page()
    page.goto(path)
    assert not (violations := _serious_violations(page)), "\n".join(violations)
    for landmark in ["banner", "navigation", "main", "contentinfo"]:
        expect(page.get_by_role(landmark).first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)

    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


def test_the_footer_links_are_reached_by_keyboard(open_page):
    page = open_page()
    page.goto("/")
    link = page.get_by_role("contentinfo").get_by_role("link", name="Privacy")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
