"""Saving and applying in a real browser: htmx swaps in place, and the same forms work
without JavaScript. The watcher in conftest.py fails any test that trips the CSP."""

import re

import pytest
from django.conf import settings as django_settings

from board.tests import resume_files

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    """Give the browser a session for `user`, made by Django's test client."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def seeker():
    from board.tests.factories import SeekerFactory

    return SeekerFactory()


@pytest.fixture
def job():
    from board.tests.factories import JobFactory

    return JobFactory(title="Platform Engineer")


def watch_documents(page):
    documents = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else 0)
    return documents


def test_save_toggles_in_place(page, live_server, seeker, job):
    from board.applications.models import SavedJob

    sign_in(page, live_server, seeker)
    page.goto(job.get_absolute_url())
    documents = watch_documents(page)

    page.get_by_role("button", name="Save Platform Engineer").click()
    saved = page.get_by_role("button", name=re.compile(r"^Saved\b.*remove Platform Engineer"))
    expect(saved).to_be_visible()
    assert SavedJob.objects.filter(user=seeker, job=job).exists()

    saved.click()
    expect(page.get_by_role("button", name="Save Platform Engineer")).to_be_visible()
    assert not SavedJob.objects.exists()
    assert documents == []


def test_save_works_without_javascript(no_js_page, live_server, seeker, job):
    sign_in(no_js_page, live_server, seeker)
    no_js_page.goto(job.get_absolute_url())
    no_js_page.get_by_role("button", name="Save Platform Engineer").click()
    expect(no_js_page.get_by_text("Saved “Platform Engineer”.")).to_be_visible()
    expect(no_js_page).to_have_url(live_server.url + job.get_absolute_url())


def test_apply_in_place_with_a_pdf(page, live_server, seeker, job):
    from board.applications.models import Application

    sign_in(page, live_server, seeker)
    page.goto(job.get_absolute_url())
    documents = watch_documents(page)

    page.get_by_label("Résumé").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": resume_files.pdf_bytes()}
    )
    page.get_by_label("Cover letter").fill("I would love to.")
    page.get_by_role("button", name="Send application").click()

    panel = page.locator("#apply-panel")
    expect(panel).to_contain_text("Applied on")
    expect(panel.get_by_role("link", name="View your application")).to_be_visible()
    assert Application.objects.get().cover_letter == "I would love to."
    assert documents == []


def test_a_disguised_file_shows_the_error_in_the_panel(page, live_server, seeker, job):
    from board.applications.models import Application

    sign_in(page, live_server, seeker)
    page.goto(job.get_absolute_url())
    page.get_by_label("Résumé").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}
    )
    page.get_by_role("button", name="Send application").click()

    expect(page.locator("#apply-panel")).to_contain_text(
        "Upload your résumé as a PDF or a Word (.docx) document."
    )
    assert not Application.objects.exists()


def test_apply_works_without_javascript(no_js_page, live_server, seeker, job):
    sign_in(no_js_page, live_server, seeker)
    no_js_page.goto(job.get_absolute_url())
    no_js_page.get_by_label("Résumé").set_input_files(
        {"name": "cv.docx", "mimeType": resume_files.DOCX_TYPE, "buffer": resume_files.docx_bytes()}
    )
    no_js_page.get_by_role("button", name="Send application").click()
    expect(no_js_page.get_by_text("Your application was sent.")).to_be_visible()
    expect(no_js_page.locator("#apply-panel")).to_contain_text("Applied on")


def test_withdraw_from_my_applications_in_place(page, live_server, seeker):
    from board.applications.models import Application
    from board.tests.factories import ApplicationFactory

    application = ApplicationFactory(applicant=seeker, job__title="Platform Engineer")
    sign_in(page, live_server, seeker)
    page.goto("/me/")
    documents = watch_documents(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Withdraw your application to Platform Engineer").click()

    row = page.locator(f"#application-{application.pk}")
    expect(row).to_contain_text("Withdrawn")
    expect(row.get_by_role("button")).to_have_count(0)
    assert Application.objects.get().status == "withdrawn"
    assert documents == []
