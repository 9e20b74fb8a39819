"""The job form's "Add a location" box in a real browser: places suggested as the employer
types, picked with the keyboard or a click, each added as a line of Locations, and the
saved job is in the places picked (resolved to the places table, not kept as text)."""

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import sign_in_with_form  # noqa: E402 - needs Playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_places_picked_from_suggestions_become_the_jobs_locations(page):
    from board.jobs.models import Job
    from board.tests.factories import (
        PASSWORD,
        CategoryFactory,
        CompanyFactory,
        EmployerFactory,
        MembershipFactory,
    )
    from board.tests.places.factories import make_places

    places = make_places()
    company = CompanyFactory(name="Lumen Optics", verified=True)
    employer = EmployerFactory(email="lead@lumen-optics.example.com")
    MembershipFactory(company=company, user=employer)
    CategoryFactory(name="Optics", slug="optics")

    page.goto("/employer/jobs/new/")
    sign_in_with_form(page, employer.email, PASSWORD)
    page.get_by_label("Title").fill("Lens Calibration Engineer")
    page.get_by_label("Category").select_option(label="Optics")
    page.get_by_label("Workplace").select_option(label="Hybrid")
    page.get_by_label("Description").fill("We calibrate the optics of research telescopes. " * 4)

    adder = page.get_by_role("combobox", name="Add a location")
    expect(adder).to_be_visible()
    adder.press_sequentially("Lisboa")
    expect(page.get_by_role("option", name="Lisbon, Portugal")).to_be_visible()
    adder.press("ArrowDown")
    adder.press("Enter")
    locations = page.get_by_label("Locations", exact=True)
    expect(locations).to_have_value("Lisbon, Portugal")
    expect(adder).to_have_value("")
    # An area is not a place a job is in: not offered here.
    with page.expect_response(lambda response: "location=Euro&" in response.url):
        adder.press_sequentially("Euro")
    expect(page.locator("#location-adder_listbox [role=option]")).to_have_count(0)
    adder.fill("")
    adder.press_sequentially("Port")
    page.get_by_role("option", name="Porto, Portugal").click()
    expect(locations).to_have_value("Lisbon, Portugal\nPorto, Portugal")

    page.get_by_role("button", name="Save draft and preview").click()
    expect(page.get_by_text("Draft saved. Check the preview, then submit it.")).to_be_visible()
    job = Job.objects.get(title="Lens Calibration Engineer")
    assert [row.place_id for row in job.locations.order_by("position")] == [
        places["lisbon"].pk,
        places["porto"].pk,
    ]
