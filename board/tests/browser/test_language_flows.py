"""The seeker's main flows in French and Arabic, once each (issue 19), and how a visitor
reaches their language: the switch, the browser's Accept-Language, the account's choice.

What is asserted is what the address and the markup say (the /fr/ and /ar/ prefixes,
lang, dir, aria-pressed, form field names), not the words, which the catalogues own; the
words are checked where it matters, at the end of each flow, with `visible_english`
(helpers.py): those last assertions need the catalogues filled in.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from board.tests import resume_files
from board.tests.browser.test_seeker_journey import sign_in, watch_documents

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import sign_in_with_form, visible_english  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fr", "ar"]
DIRECTION = {"en": "ltr", "fr": "ltr", "ar": "rtl"}


def expect_language(page, code):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", DIRECTION[code])


def address(path, **query):
    """A predicate for page.wait_for_url: this path, and the query has these values."""

    def matches(url):
        parts = urlsplit(url)
        params = parse_qs(parts.query)  # drops blank values: the form sends every field
        return parts.path == path and all(params.get(k) == v for k, v in query.items())

    return matches


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_filter_swaps_in_results_in_the_pages_language(open_page, jobs, language):
    english = open_page()
    # The English results for this search first: anonymous results are cached, and the
    # French or Arabic page must not be served the English ones.
    english.goto("/jobs/?workplace=remote")
    expect(english.locator("#results .job-card")).to_have_count(5)
    english_heading = english.locator("#results-heading").inner_text()

    page = open_page()
    page.goto(f"/{language}/jobs/")
    page.evaluate("window.__marker = 1")
    documents = watch_documents(page)
    fragments = []
    page.on("request", lambda r: fragments.append(r.url) if r.headers.get("hx-request") else 0)

    page.locator("#job-search input[name=workplace][value=remote]").check()

    page.wait_for_url(address(f"/{language}/jobs/", workplace=["remote"]))
    expect(page.locator("#results .job-card")).to_have_count(5)
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    assert documents == []
    assert fragments and all(urlsplit(url).path == f"/{language}/jobs/" for url in fragments)
    expect_language(page, language)
    # The swapped results are those the server writes on this page in this language.
    fresh = open_page()
    fresh.goto(page.url)
    expect_language(fresh, language)
    swapped = page.locator("#results-heading").inner_text()
    assert swapped == fresh.locator("#results-heading").inner_text()
    assert page.locator("#result-count").inner_text() == fresh.locator("#result-count").inner_text()

    # Needs the catalogues: the count and the chrome are not English.
    assert swapped != english_heading, f"the results heading is English: {swapped!r}"
    assert not visible_english(page, ("link", "Remote (remove this filter)"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_save_then_apply_with_a_resume(page, live_server, language):
    from board.applications.models import Application, SavedJob
    from board.tests.factories import JobFactory, SeekerFactory

    seeker = SeekerFactory()
    job = JobFactory(title="Platform Engineer")
    sign_in(page, live_server, seeker)
    path = f"/{language}{job.get_absolute_url()}"
    page.goto(path)
    expect_language(page, language)
    documents = watch_documents(page)

    save = page.locator("article header .save-toggle button")
    expect(save).to_have_attribute("aria-pressed", "false")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    assert SavedJob.objects.filter(user=seeker, job=job).exists()

    panel = page.locator("#apply-panel")
    panel.locator("input[type=file][name=resume]").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": resume_files.pdf_bytes()}
    )
    panel.locator("textarea[name=cover_letter]").fill("Je serais ravie de vous rejoindre.")
    panel.locator("button[type=submit]").click()

    application = panel.locator(f'a[href^="/{language}/me/applications/"]')
    expect(application).to_be_visible()
    sent = Application.objects.get(applicant=seeker, job=job)
    assert sent.cover_letter == "Je serais ravie de vous rejoindre."
    assert application.get_attribute("href") == f"/{language}/me/applications/{sent.pk}/"
    assert documents == [], "saving and applying happen in place"
    assert urlsplit(page.url).path == path
    expect_language(page, language)

    # Needs the catalogues: the swapped-in Saved button and apply panel are not English.
    assert not visible_english(
        page,
        ("button", re.compile(r"^Saved\b")),
        ("link", "View your application"),
        ("heading", "Apply"),
    )


def test_the_switch_moves_to_the_same_page_and_is_remembered(page):
    page.goto("/jobs/?q=zephyr")
    expect_language(page, "en")

    page.locator("footer").get_by_role("button", name="Français", exact=True).click()

    page.wait_for_url(address("/fr/jobs/", q=["zephyr"]))
    expect_language(page, "fr")
    expect(page.locator("footer button[lang=fr]")).to_have_attribute("aria-pressed", "true")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["language"]["value"] == "fr"
    assert cookies["language"]["httpOnly"]
    page.goto("/jobs/")  # the next unprefixed visit
    page.wait_for_url(address("/fr/jobs/"))
    expect_language(page, "fr")

    page.locator("footer").get_by_role("button", name="العربية", exact=True).click()
    page.wait_for_url(address("/ar/jobs/"))
    expect_language(page, "ar")
    page.goto("/")
    page.wait_for_url(address("/ar/"))

    page.locator("footer").get_by_role("button", name="English", exact=True).click()
    page.wait_for_url(address("/"))
    expect_language(page, "en")
    page.goto("/jobs/")  # English is remembered too: no redirect any more
    page.wait_for_url(address("/jobs/"))
    expect_language(page, "en")


def test_the_browsers_language_sends_to_its_address(open_page):
    for locale, language in (("fr-FR", "fr"), ("ar-EG", "ar")):
        page = open_page(locale=locale)  # Playwright sends it as Accept-Language

        page.goto("/jobs/?q=zephyr")

        page.wait_for_url(address(f"/{language}/jobs/", q=["zephyr"]))
        expect_language(page, language)


def test_signing_in_with_an_arabic_account_lands_in_arabic(page):
    from board.tests.factories import PASSWORD, SeekerFactory

    seeker = SeekerFactory(email="salma@example.com", language="ar")
    page.goto("/accounts/login/")  # the English form: the browser has said nothing yet
    expect_language(page, "en")

    sign_in_with_form(page, seeker.email, PASSWORD)

    page.wait_for_url(re.compile(r"/ar/"))
    expect_language(page, "ar")
    page.goto("/me/")
    page.wait_for_url(address("/ar/me/"))
