"""A member rates two applicants on their pages, sorts the applicants by rating and
downloads the CSV, in a real browser (htmx swaps, the download, no CSP violation)."""

import csv
import io
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user, base_url):
    """Give the page's browser context a session for `user`, as logging in would."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def test_rate_two_applicants_sort_by_rating_and_download(page, live_server):
    from board.tests.factories import (
        ApplicationFactory,
        JobFactory,
        MembershipFactory,
        SeekerFactory,
    )

    member = MembershipFactory(role="recruiter").user
    job = JobFactory(company=member.memberships.get().company, slug="optics-engineer")
    # Oldest first: the list shows the newest first until it is sorted by rating.
    grace = ApplicationFactory(job=job, applicant=SeekerFactory(first_name="Grace", last_name="H"))
    alan = ApplicationFactory(job=job, applicant=SeekerFactory(first_name="Alan", last_name="T"))
    sign_in(page, member, live_server.url)

    for application, score, comment in ((grace, "5", "Excellent"), (alan, "2", "")):
        page.goto(f"/employer/applications/{application.pk}/")
        ratings = page.locator("#ratings")
        ratings.get_by_label(f"{score} out of 5").check()
        ratings.get_by_label("Comment (optional)").fill(comment)
        ratings.get_by_role("button", name="Rate").click()
        # Swapped in place by htmx: the section shows the new average and the button changes.
        expect(page.locator("#ratings [data-rating-average]")).to_have_text(f"{score}.0")
        expect(ratings.get_by_role("button", name="Change your rating")).to_be_visible()

    page.goto(f"/employer/jobs/{job.pk}/applicants/")
    names = page.locator('#applicant-list tbody td[data-label="Applicant"] a.fw-semibold')
    expect(names).to_have_text(["Alan T", "Grace H"])
    page.get_by_label("Sort").select_option("rating")
    expect(names).to_have_text(["Grace H", "Alan T"])
    assert "sort=rating" in page.url  # the filter state is in the URL
    page.get_by_label("Minimum rating").select_option("3")
    expect(names).to_have_text(["Grace H"])
    assert "sort=rating" in page.url and "min_rating=3" in page.url

    with page.expect_download() as started:
        page.get_by_role("link", name="Download all applicants (CSV)").click()
    download = started.value
    assert download.suggested_filename.startswith("applicants-optics-engineer-")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert [(row[2], row[-1]) for row in rows[1:]] == [("Grace H", "5.00"), ("Alan T", "2.00")]
