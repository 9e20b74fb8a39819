"""A virus on the apply form, in a real browser against the real clamd: the refusal is
shown in the apply panel (htmx) and without JavaScript, and nothing is stored."""

import pytest

from board.tests.browser.test_seeker_journey import sign_in
from board.tests.net import unavailable
from board.tests.scanning.conftest import CLAMD_TEST_ADDRESS, clamd_answers, closed_port_address
from board.tests.scanning.files import clean_pdf, eicar

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIRUS = "This file contains a virus (Eicar-Signature"
DOWN = "Our virus scanner is not answering; please try again in a minute."


@pytest.fixture
def scanning(settings):
    if not clamd_answers(CLAMD_TEST_ADDRESS):
        unavailable(f"no clamd at {CLAMD_TEST_ADDRESS} (start one: bash .ci/clamav/start)")
    settings.CLAMD_ADDRESS = CLAMD_TEST_ADDRESS  # the live server runs in this process
    settings.CLAMD_UNAVAILABLE = "refuse"
    return settings


@pytest.fixture
def seeker():
    from board.tests.factories import SeekerFactory

    return SeekerFactory()


@pytest.fixture
def job():
    from board.tests.factories import JobFactory

    return JobFactory(title="Platform Engineer")


def attach_and_send(page, data):
    page.get_by_label("Résumé").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": data}
    )
    page.get_by_role("button", name="Send application").click()


def test_a_virus_is_refused_in_the_apply_panel(page, live_server, scanning, seeker, job):
    from board.applications.models import Application

    sign_in(page, live_server, seeker)
    page.goto(job.get_absolute_url())
    attach_and_send(page, eicar())
    panel = page.locator("#apply-panel")
    expect(panel).to_contain_text(VIRUS)
    expect(panel).to_contain_text("and was not accepted.")
    assert not Application.objects.exists()

    # The same panel then takes a clean file.
    attach_and_send(page, clean_pdf())
    expect(panel).to_contain_text("Applied on")
    assert Application.objects.get().resume_scan == "clean"


def test_a_virus_is_refused_without_javascript(no_js_page, live_server, scanning, seeker, job):
    sign_in(no_js_page, live_server, seeker)
    no_js_page.goto(job.get_absolute_url())
    attach_and_send(no_js_page, eicar())
    expect(no_js_page.get_by_text(VIRUS)).to_be_visible()


def test_scanner_down_says_try_again(page, live_server, scanning, seeker, job):
    scanning.CLAMD_ADDRESS = closed_port_address()
    sign_in(page, live_server, seeker)
    page.goto(job.get_absolute_url())
    attach_and_send(page, clean_pdf())
    expect(page.locator("#apply-panel")).to_contain_text(DOWN)
