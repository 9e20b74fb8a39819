"""A résumé in an S3 bucket (a real SeaweedFS), downloaded by the employer in
Chromium: streamed through the site by default, and with S3_SIGNED_URLS through
the redirect to the store's signed URL. Skips without the store (see
board/tests/storage/conftest.py), unless REQUIRE_SERVICES=1."""

import pytest
from django.urls import reverse

from board.tests.browser.test_seeker_journey import sign_in
from board.tests.storage.conftest import bucket, bucket_name, s3_client  # noqa: F401

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("signed_urls", [False, True], ids=["streamed", "signed-url"])
def test_the_employer_downloads_a_resume_kept_in_the_bucket(
    open_page,
    live_server,
    bucket,  # noqa: F811 (the fixture imported above)
    settings,
    tmp_path,
    signed_urls,
):
    from board.tests.factories import ApplicationFactory, MembershipFactory

    settings.S3_SIGNED_URLS = signed_urls
    application = ApplicationFactory()
    assert bucket.keys() == [application.resume.name]
    owner = MembershipFactory(company=application.job.company).user
    page = open_page(accept_downloads=True)
    sign_in(page, live_server, owner)

    page.goto(reverse("employer_application", args=[application.pk]))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the résumé").click()
    download = download_info.value
    assert download.suggested_filename == f"resume-{application.pk}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes() == bucket.read(application.resume.name)
    came_from_the_store = download.url.startswith(bucket.plain_url(""))
    assert came_from_the_store == signed_urls
