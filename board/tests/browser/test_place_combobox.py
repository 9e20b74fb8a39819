"""The location box suggests places as you type, and the keyboard alone can pick one."""

from urllib.parse import parse_qs, urlsplit

import pytest

from board.tests.places.factories import make_places

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pick_a_place_with_the_keyboard(page):
    make_places()
    page.goto("/jobs/")
    box = page.get_by_role("combobox", name="Location")
    listbox = page.get_by_role("listbox", name="Suggested places")
    expect(listbox).to_be_hidden()

    box.press_sequentially("pa")
    expect(listbox.get_by_role("option")).to_have_text(
        ["Paris, France", "Paris, Texas, United States of America"]
    )
    expect(box).to_have_attribute("aria-expanded", "true")

    # Down moves through the options, Up goes back; focus stays in the box.
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    first = listbox.get_by_role("option", name="Paris, France")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(box).to_be_focused()

    # Enter picks it and searches.
    box.press("Enter")
    expect(box).to_have_value("Paris, France")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    page.wait_for_url(
        lambda url: parse_qs(urlsplit(url).query).get("location") == ["Paris, France"]
    )

    # Escape closes the list and leaves what was typed.
    box.fill("")
    box.press_sequentially("lisboa")
    expect(listbox.get_by_role("option")).to_have_text(["Lisbon, Portugal"])
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("lisboa")


def test_without_javascript_it_is_a_text_box(no_js_page):
    make_places()
    no_js_page.goto("/jobs/")
    box = no_js_page.get_by_role("combobox", name="Location")
    box.fill("Lisbon")
    box.press("Enter")
    no_js_page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("location") == ["Lisbon"])
    expect(no_js_page.get_by_role("listbox", name="Suggested places")).to_be_hidden()


def test_the_home_page_suggests_places_too_and_searches_with_the_one_picked(page):
    make_places()
    page.goto("/")
    box = page.get_by_role("combobox", name="Location")
    listbox = page.get_by_role("listbox", name="Suggested places")
    box.press_sequentially("yor")  # a later word of a name: New York City
    expect(listbox.get_by_role("option").first).to_have_text(
        "New York City, New York, United States of America"
    )
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(
        lambda url: (
            urlsplit(url).path == "/jobs/"
            and parse_qs(urlsplit(url).query).get("location")
            == ["New York City, New York, United States of America"]
        )
    )
