"""ranked_page() must give exactly what Django's Paginator gives, in fewer queries."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.jobs.models import Job
from board.listings.paging import ranked_page
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs():
    JobFactory.create_batch(45)
    # Any total order will do: ranked_page never looks at what the ordering is.
    return Job.objects.with_card_data().order_by("-salary_annual", "-id")


@pytest.mark.parametrize("number", [1, 2, 3, "2", None, "", "x", 0, -1, 99])
def test_same_page_as_the_paginator(jobs, number):
    expected = Paginator(jobs, 20).get_page(number)
    page = ranked_page(jobs, number, 20)
    assert [job.pk for job in page] == [job.pk for job in expected]
    assert page.number == expected.number
    assert page.paginator.count == 45
    assert page.paginator.num_pages == 3


def test_an_inside_page_takes_two_queries(jobs):
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(jobs, 2, 20)
        titles = [(job.title, job.company.name, job.category.name) for job in page]
        count = page.paginator.count
    assert len(titles) == 20 and count == 45
    assert len(queries) == 2  # the ids with the total, then those rows with their joins


def test_no_match_is_an_empty_first_page():
    page = ranked_page(Job.objects.none().order_by("-id"), None, 20)
    assert list(page) == [] and page.number == 1 and page.paginator.count == 0


def test_rows_fetches_the_page_from_a_lighter_queryset(jobs):
    ranked = jobs.filter(salary_annual__isnull=False) | jobs.filter(salary_annual__isnull=True)
    expected = Paginator(ranked, 20).get_page(2)
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(ranked, 2, 20, rows=Job.objects.with_card_data())
        titles = [(job.title, job.company.name) for job in page]
    assert [job.pk for job in page] == [job.pk for job in expected]
    assert len(titles) == 20 and page.paginator.count == 45
    fetch = queries[1]["sql"]
    assert "salary_annual" not in fetch.split("WHERE")[1]  # only the ids are asked for


def test_a_job_gone_from_rows_between_the_queries_is_left_out(jobs):
    first = list(jobs[:20])
    rows = Job.objects.with_card_data().exclude(pk=first[3].pk)
    page = ranked_page(jobs, 1, 20, rows=rows)
    assert [job.pk for job in page] == [job.pk for job in first if job != first[3]]
    assert page.paginator.count == 45
