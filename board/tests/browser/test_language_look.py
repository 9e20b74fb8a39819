"""The main seeker pages in French and Arabic (issue 19): axe in both themes, the
right-to-left layout only a browser can check, and no English left in the chrome.

The whole browser suite runs in English; here, only the pages a job seeker sees most, so
that the languages add a minute to CI rather than doubling it (docs/testing.md).
"""

import re

import pytest

from board.tests.browser.test_accessibility import serious_violations
from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import visible_english  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "ar"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
THEMES = {"light": "rgb(255, 255, 255)", "dark": "rgb(18, 24, 31)"}  # the body's background


@pytest.fixture
def site():
    """Three jobs (two match "zephyr"), in English; a seeker who applied to one and saved
    another, and who can apply to the first."""
    from board.tests.factories import (
        ApplicationFactory,
        CompanyFactory,
        JobFactory,
        SavedJobFactory,
        SeekerFactory,
    )

    company = CompanyFactory(name="Northwind Labs", slug="northwind-labs", verified=True)
    jobs = [
        JobFactory(company=company, title=title, language="en")
        for title in ("Zephyr Platform Engineer", "Zephyr Data Scientist", "Backend Developer")
    ]
    seeker = SeekerFactory()
    ApplicationFactory(job=jobs[1], applicant=seeker)
    SavedJobFactory(user=seeker, job=jobs[2])
    return {"seeker": seeker, "jobs": jobs}


# (name, signed in as the seeker?, the English address, what shows it is that page):
# each is opened under /fr/ and /ar/.
PAGES = [
    ("home", False, lambda s: "/", "#home-q"),
    ("search-results", False, lambda s: "/jobs/?q=zephyr", "#results .job-card"),
    ("job-page", False, lambda s: s["jobs"][0].get_absolute_url(), "h1.job-title"),
    ("apply-form", True, lambda s: s["jobs"][0].get_absolute_url(), "#id_cover_letter"),
    ("sign-in", False, lambda s: "/accounts/login/", "#id_password"),
    ("sign-up", False, lambda s: "/accounts/signup/", "#id_password2"),
    ("my-applications", True, lambda s: "/me/", 'main a[href*="/me/applications/"]'),
    ("saved-jobs", True, lambda s: "/me/saved/", "main article"),
]


def open_main_page(pages, site, language, signed_in, path, shows):
    """Open one of PAGES in `language`, in `pages` ({signed in?: its page}), and check
    that it is that page, in that language: a redirect to sign in would check nothing."""
    page = pages[signed_in]
    response = page.goto(f"/{language}{path(site)}")
    assert response.status == 200, page.url
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(shows).first).to_be_attached()
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_pages_have_no_serious_violations_in_both_themes(
    open_page, live_server, site, language
):
    # All pages in one test, every failure reported: the data is made once (flushing the
    # database after each browser test is a large part of its time, docs/testing.md).
    # One page load, both themes: with the default theme ("system") the page follows the
    # browser's colour scheme through CSS alone, so switching it is what a reload would show.
    pages = {False: open_page(), True: open_page()}
    sign_in(pages[True], live_server, site["seeker"])
    reports = []
    for name, *where in PAGES:
        page = open_main_page(pages, site, language, *where)
        for theme, background in THEMES.items():
            page.emulate_media(color_scheme=theme)
            page.wait_for_function(
                "colour => getComputedStyle(document.body).backgroundColor === colour",
                arg=background,
            )
            if report := serious_violations(page):
                reports.append(f"{name}, {theme} ({page.url}):\n{report}")
    assert not reports, "\n".join(reports)


def direction(locator):
    return locator.evaluate("el => getComputedStyle(el).direction")


def text_box(page, selector):
    """Where the text of the first `selector` is drawn (a label's box may be wider)."""
    return page.locator(selector).first.evaluate(
        """el => { const range = document.createRange(); range.selectNodeContents(el);
                   const box = range.getBoundingClientRect();
                   return {left: box.left, right: box.right}; }"""
    )


def expect_label_on_the_right(page, field_id):
    label = text_box(page, f"label[for={field_id}]")
    field = page.locator(f"#{field_id}").bounding_box()
    field_right = field["x"] + field["width"]
    where = f"{field_id}: label {label}, field {field['x']}..{field_right}"
    assert abs(label["right"] - field_right) <= 16, where  # starts where the field starts
    assert label["left"] > field["x"] + field["width"] / 2, where  # and not on the left


def test_arabic_pages_are_laid_out_right_to_left(page, live_server, site):
    from board.tests.factories import JobFactory

    job = site["jobs"][0]
    page.goto(f"/ar{job.get_absolute_url()}")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    assert direction(page.locator("main")) == "rtl"
    width = page.viewport_size["width"]
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > width / 2, f"the brand is not on the right: {brand}"

    # An English ad on an Arabic page is marked as English and reads left to right.
    for part in ("h1.job-title", ".job-description"):
        expect(page.locator(part)).to_have_attribute("lang", "en")
        assert direction(page.locator(part)) == "ltr", part
    # And an Arabic ad on an English page reads right to left (dir="auto").
    arabic = JobFactory(title="مهندس منصات", description="نبحث عن مهندس منصات خبير.", language="ar")
    page.goto(arabic.get_absolute_url())
    expect(html).to_have_attribute("dir", "ltr")
    assert page.locator(".navbar-brand").bounding_box()["x"] < width / 2
    assert direction(page.locator(".job-description")) == "rtl"
    assert direction(page.locator("h1.job-title")) == "rtl"

    # Forms: labels start on the right, above their field.
    page.goto("/ar/accounts/login/")
    expect_label_on_the_right(page, "id_password")
    sign_in(page, live_server, site["seeker"])
    page.goto(f"/ar{job.get_absolute_url()}")
    expect_label_on_the_right(page, "id_cover_letter")
    assert direction(page.locator("#id_cover_letter")) == "rtl"  # Arabic typed from the right


# Every element inside the window, on both sides: a right-to-left page that overflows
# scrolls to the left. Hidden parts are left out: visually hidden text, a table's head on a
# phone (its rows are cards, site.css), the closed filters panel and menu.
SIDEWAYS = """() => {
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => { const box = el.getBoundingClientRect();
                      return box.right > window.innerWidth + 1 || box.left < -1; })
    .filter((el) => !el.closest(
      ".visually-hidden, .table-stack thead, .offcanvas-lg, .navbar-collapse:not(.show)"))
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className)
    .slice(0, 5);
  return {scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, wide};
}"""


def test_main_pages_do_not_scroll_sideways_on_a_phone(open_page, live_server, site):
    # All pages in one test: the data is made once (flushing the database after each
    # browser test is a large part of its time).
    pages = {False: open_page(**PHONE), True: open_page(**PHONE)}
    sign_in(pages[True], live_server, site["seeker"])
    for language in LANGUAGES:
        for name, *where in PAGES:
            page = open_main_page(pages, site, language, *where)
            found = page.evaluate(SIDEWAYS)
            assert found["scrollWidth"] <= found["width"], f"{name} at {page.url}: {found}"
            assert found["wide"] == [], f"{name} at {page.url}: {found}"


def test_visible_english_finds_the_english_chrome(page, site):
    # The helper itself: on an English page it finds what the French and Arabic ones
    # must not show.
    page.goto("/jobs/?q=zephyr")

    found = visible_english(page, ("link", re.compile("^Zephyr Platform")))

    assert found == [
        'link "Find jobs"',
        'link "Post a job"',
        'link "Sign in"',
        'link "Sign up"',
        'link "Privacy"',
        'link "Accessibility"',
        'button "Search"',
        'link "^Zephyr Platform"',
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_in_the_chrome_of_the_main_pages(open_page, live_server, site, language):
    # Needs the catalogues (the translations of issue 19).
    pages = {False: open_page(), True: open_page()}
    sign_in(pages[True], live_server, site["seeker"])
    left = {}
    for name, *where in PAGES:
        page = open_main_page(pages, site, language, *where)
        if found := visible_english(page):
            left[name] = found
    assert left == {}, "\n".join(f"{name}: {', '.join(found)}" for name, found in left.items())
