"""Export my data, clicked through: the account page's link, the button, the task run
in-process after the commit, the link on the page and in the e-mail, and the download."""

import json
import zipfile

import pytest

from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.helpers import link_in_mail  # noqa: E402 - needs Playwright
from board.tests.browser.test_accessibility import serious_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_my_data_then_download_a_valid_zip(open_page, live_server, tmp_path):
    from board.tests.privacy.people import resume_bytes, seeker_with_everything

    seeker, _ = seeker_with_everything("ada")
    page = open_page(accept_downloads=True)
    sign_in(page, live_server, seeker)

    page.goto("/accounts/email/")
    page.get_by_role("link", name="Your data: download everything we hold about you").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    expect(page.get_by_text("You have no export ready.")).to_be_visible()

    page.get_by_role("button", name="Export my data").click()
    expect(page.get_by_text("We are preparing your export.")).to_be_visible()
    # No broker: the task ran in-process once the request committed, so the page the
    # redirect shows has the link already.
    link = page.get_by_role("link", name="Download your data")
    expect(link).to_be_visible()
    assert not (report := serious_violations(page)), report

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("nexus-jobs-data-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        data = json.loads(archive.read("data.json"))
        assert data["account"]["email"] == seeker.email
        assert archive.read(data["seeker_profile"]["resume_file"]) == resume_bytes("ada-profile")
        assert "README.txt" in archive.namelist()

    # The e-mailed link works in the same signed-in browser…
    mailed = link_in_mail(seeker.email, "/accounts/data/download/")
    with page.expect_download() as again:
        page.evaluate("url => { window.location.href = url; }", mailed)
    assert again.value.suggested_filename == download.suggested_filename

    # …and asks a browser without the session to sign in.
    stranger = open_page()
    stranger.goto(mailed)
    expect(stranger.get_by_role("heading", name="Sign In")).to_be_visible()
