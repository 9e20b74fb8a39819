"""The home page and company pages cost the same however many jobs there are: counts
stop at the search's cap ("1,000+"), as search results do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    # As production without Redis: nothing from the listing cache.
    settings.PRODUCTION = True
    settings.REDIS_URL = ""
    settings.SEARCH_COUNT_CAP = 3


def test_home_tiles_count_up_to_the_cap(client, uncached):
    busy, quiet = CategoryFactory(name="Busy"), CategoryFactory(name="Quiet")
    JobFactory.create_batch(5, category=busy)
    JobFactory.create_batch(2, category=quiet)

    body = client.get("/").content.decode()

    assert "3+ open jobs" in body
    assert "2 open jobs" in body


def test_home_costs_the_same_with_more_jobs(client, uncached, django_assert_max_num_queries):
    category = CategoryFactory()
    JobFactory.create_batch(2, category=category)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    JobFactory.create_batch(10, category=category)
    with django_assert_max_num_queries(len(few)) as many:
        client.get("/")
    # The tiles' count stops at cap + 1 rows: its SQL says so.
    tiles = [q["sql"] for q in many.captured_queries if '"open_jobs"' in q["sql"]]
    assert tiles and all("LIMIT 4" in sql for sql in tiles), tiles


def test_company_page_counts_up_to_the_cap(client, uncached):
    company = CompanyFactory()
    JobFactory.create_batch(5, company=company)

    body = client.get(company.get_absolute_url()).content.decode()

    assert "(3+)" in body


def test_company_page_never_pages_past_the_cap(client, uncached, settings):
    settings.SEARCH_COUNT_CAP = 40  # two pages of 20
    company = CompanyFactory()
    jobs = JobFactory.create_batch(45, company=company)

    response = client.get(f"{company.get_absolute_url()}?page=3")

    assert response.status_code == 200
    page = response.context["page"]
    assert page.number == 2  # the last page within the cap
    newest_first = sorted(jobs, key=lambda job: (job.published_at, job.pk), reverse=True)
    assert [job.pk for job in page] == [job.pk for job in newest_first[20:40]]


def test_company_page_with_few_jobs_counts_exactly(client, uncached):
    company = CompanyFactory()
    JobFactory.create_batch(2, company=company)
    JobFactory(company=company, draft=True)

    body = client.get(company.get_absolute_url()).content.decode()

    assert "(2)" in body
