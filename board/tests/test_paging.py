"""ranked_page() must give exactly what Django's Paginator gives, in fewer queries."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.models import Job
from board.paging import ranked_page
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
