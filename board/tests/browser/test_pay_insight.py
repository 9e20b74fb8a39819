"""The search's pay chart and a job page's "above the median" in a real browser, on a
phone: visible, within the screen's width, accessible (axe), and swapped in by htmx."""

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

from board.tests.browser.test_accessibility import serious_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def paid_jobs(settings):
    """24 Data jobs in Lisbon paying 40,000 … 86,000 € and their distributions."""
    from board.jobs.locations import resolve_locations, set_locations
    from board.payinsight.distributions import refresh
    from board.tests.factories import CategoryFactory, JobFactory
    from board.tests.jobs.places import make_places

    settings.PAY_INSIGHT_MIN_JOBS = 20
    make_places()
    data = CategoryFactory(name="Data", slug="data")
    made = []
    for n in range(24):
        job = JobFactory(
            title=f"Data Analyst {n}", category=data, salary_min=None, salary_max=40_000 + n * 2000
        )
        set_locations(job, resolve_locations("Lisbon"))
        made.append(job)
    refresh()
    return made


def test_the_pay_chart_is_visible_and_accessible_on_a_phone(open_page, paid_jobs):
    page = open_page(**PHONE)
    # The first page of a live server compiles templates and loads Babel's data: on a
    # busy machine that can pass the default 10 s.
    page.goto("/jobs/?category=data&location=Lisbon&currency=EUR", timeout=60_000)

    chart = page.get_by_role("img", name="Pay for Data jobs in Lisbon, Portugal, from 24 jobs")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["x"] + box["width"] <= 390  # the phone's width, no more
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(
        page.get_by_role("heading", name="Pay for Data jobs in Lisbon, Portugal")
    ).to_be_visible()
    # The figures in words, for everyone: the table opens below the chart.
    page.get_by_text("Pay figures").click()
    expect(page.get_by_role("table", name="Open jobs by yearly pay, in EUR")).to_be_visible()

    assert not (report := serious_violations(page)), report


def test_the_chart_follows_the_filters_through_htmx(page, paid_jobs):
    page.goto("/jobs/?location=Lisbon&currency=EUR")
    heading = page.locator("#pay-insight-heading")
    expect(heading).to_have_text("Pay for jobs in Lisbon, Portugal")
    page.evaluate("window.__marker = 1")

    page.get_by_label("Category").select_option("data")

    expect(heading).to_have_text("Pay for Data jobs in Lisbon, Portugal")
    assert page.evaluate("window.__marker") == 1  # swapped in place, no page load


def test_the_job_page_says_where_its_pay_sits(open_page, paid_jobs):
    page = open_page(**PHONE)
    page.goto(paid_jobs[-1].get_absolute_url())  # the best paid of the 24

    sentence = page.locator("#pay-position")
    expect(sentence).to_be_visible()
    expect(sentence).to_contain_text("Pay above the median for Data jobs in Lisbon, Portugal")
    assert not (report := serious_violations(page)), report
