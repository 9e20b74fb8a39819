"""Job cards in lists say "Applied" where the signed-in seeker has an active application."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.applications.models import Application
from board.tests.factories import ApplicationFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

APPLIED = re.compile(r'<span class="badge status status-success">Applied</span>')


def _applied_titles(html):
    """The titles of the cards that carry the Applied badge."""
    cards = html.split('<article class="card job-card')[1:]
    return sorted(
        re.search(r"<h3[^>]*><a[^>]*>([^<]+)</a>", card).group(1).strip()
        for card in cards
        if APPLIED.search(card)
    )


def test_search_results_mark_the_jobs_i_applied_to(client):
    seeker = SeekerFactory()
    applied, withdrawn, other = (JobFactory(title=t) for t in ("Applied", "Withdrawn", "Other"))
    ApplicationFactory(job=applied, applicant=seeker)
    ApplicationFactory(job=withdrawn, applicant=seeker, status=Application.Status.WITHDRAWN)
    ApplicationFactory(job=other)  # someone else's application
    client.force_login(seeker)

    html = client.get(reverse("job_list")).content.decode()

    assert _applied_titles(html) == ["Applied"]


def test_nobody_else_sees_my_applied_badge(client):
    job = JobFactory()
    ApplicationFactory(job=job)
    assert not APPLIED.search(client.get(reverse("job_list")).content.decode())
    client.force_login(SeekerFactory())
    assert not APPLIED.search(client.get(reverse("job_list")).content.decode())


def test_the_badge_costs_no_query_per_card(client, django_capture_on_commit_callbacks):
    seeker = SeekerFactory()
    ApplicationFactory(job=JobFactory(), applicant=seeker)
    client.force_login(seeker)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("job_list"))
    with django_capture_on_commit_callbacks(execute=True):
        for job in JobFactory.create_batch(8):
            ApplicationFactory(job=job, applicant=seeker)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("job_list")).content.decode()
    assert len(APPLIED.findall(html)) == 9
    assert len(many) == len(few)
