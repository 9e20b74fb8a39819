"""The response badge: worked out from the pipeline's events, stored on the company,
shown on its page and on job cards only when true and based on enough data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.applications.models import Application, ApplicationEvent
from board.applications.responsiveness import measure, refresh_response_badges
from board.companies.models import Company
from board.core.listing_version import bump_jobs_version, jobs_version
from board.tests.api.conftest import bearer
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def job(company):
    return JobFactory(company=company)


def received(job, days_ago=10):
    """An application received `days_ago` days ago."""
    application = ApplicationFactory(job=job)
    Application.objects.filter(pk=application.pk).update(created=NOW - timedelta(days=days_ago))
    application.refresh_from_db()
    return application


def event(application, actor, after_days, to="reviewing"):
    """A status change `after_days` days after the application arrived."""
    made = ApplicationEvent.objects.create(
        application=application, actor=actor, from_status="submitted", to_status=to
    )
    at = application.created + timedelta(days=after_days)
    ApplicationEvent.objects.filter(pk=made.pk).update(created=at)


def badge(company):
    company.refresh_from_db()
    return company.response_days, company.response_rate


class TestTheFigures:
    def test_too_little_data_gives_nothing(self, company, employer, job):
        for _ in range(9):
            event(received(job), employer, 1)
        refresh_response_badges(now=NOW)
        assert badge(company) == (None, None)
        event(received(job), employer, 1)  # the tenth
        refresh_response_badges(now=NOW)
        assert badge(company) == (1, 100)

    def test_exact_median_and_rate_on_known_events(self, company, employer, job):
        # Answered after 0.5, 1.5, 2, 2.5, 3, 4, 6 days; three never answered.
        for days in (0.5, 1.5, 2, 2.5, 3, 4, 6):
            event(received(job, days_ago=20), employer, days)
        for _ in range(3):
            received(job)
        figures = measure(NOW - timedelta(days=90))[company.pk]
        assert (figures.counted, figures.answered, figures.rate()) == (10, 7, 70)
        # Sorted: 0.5 1.5 2 2.5 3 | 4 6 inf inf inf → the upper middle is 4 days.
        assert figures.median_days() == 4
        refresh_response_badges(now=NOW)
        assert badge(company) == (4, 70)

    def test_only_the_first_employer_move_counts(self, company, employer, job):
        colleague = MembershipFactory(company=company, role="recruiter").user
        for _ in range(10):
            application = received(job)
            event(application, colleague, 1.2)
            event(application, employer, 0.2, to="rejected")  # earlier, by another member
        refresh_response_badges(now=NOW)
        assert badge(company) == (1, 100)

    def test_the_applicant_and_the_system_are_no_response(self, company, employer, job):
        for _ in range(10):
            application = received(job)
            event(application, None, 0.1)  # a system action (or a deleted account)
            event(application, application.applicant, 0.2, to="withdrawn")
            Application.objects.filter(pk=application.pk).update(status="reviewing")
        refresh_response_badges(now=NOW)
        assert measure(NOW - timedelta(days=90))[company.pk].answered == 0
        assert badge(company) == (None, None)

    def test_withdrawn_before_a_response_is_left_out_after_one_it_counts(
        self, company, employer, job
    ):
        for _ in range(10):
            event(received(job), employer, 2)
        for _ in range(5):  # withdrawn, never answered: not counted
            application = received(job)
            event(application, application.applicant, 1, to="withdrawn")
            Application.objects.filter(pk=application.pk).update(status="withdrawn")
        answered_then_withdrawn = received(job)
        event(answered_then_withdrawn, employer, 3)
        event(answered_then_withdrawn, answered_then_withdrawn.applicant, 4, to="withdrawn")
        Application.objects.filter(pk=answered_then_withdrawn.pk).update(status="withdrawn")
        figures = measure(NOW - timedelta(days=90))[company.pk]
        assert (figures.counted, figures.answered) == (11, 11)
        refresh_response_badges(now=NOW)
        assert badge(company) == (2, 100)

    def test_only_the_last_90_days(self, company, employer, job):
        for _ in range(10):
            event(received(job, days_ago=91), employer, 1)
        refresh_response_badges(now=NOW)
        assert badge(company) == (None, None)

    def test_nothing_claimed_when_not_good_enough(self, company, employer, job, settings):
        # 4 of 10 answered: no "usually" (not more than half), and 40 % < 50 %.
        for _ in range(4):
            event(received(job), employer, 1)
        for _ in range(6):
            received(job)
        refresh_response_badges(now=NOW)
        assert badge(company) == (None, None)
        settings.RESPONSE_BADGE_MIN_RATE = 40
        refresh_response_badges(now=NOW)
        assert badge(company) == (None, 40)

    def test_slow_answers_claim_only_the_rate(self, company, employer, job, settings):
        for _ in range(10):
            event(received(job, days_ago=80), employer, 45)
        refresh_response_badges(now=NOW)
        assert badge(company) == (None, 100)

    def test_a_badge_that_is_no_longer_true_is_removed(self, company, employer, job):
        applications = [received(job, days_ago=80) for _ in range(10)]
        for application in applications:
            event(application, employer, 1)
        refresh_response_badges(now=NOW)
        assert badge(company) == (1, 100)
        assert refresh_response_badges(now=NOW + timedelta(days=11)) == 1
        assert badge(company) == (None, None)

    def test_a_change_makes_cached_listings_stale(
        self, company, employer, job, django_capture_on_commit_callbacks
    ):
        for _ in range(10):
            event(received(job), employer, 1)
        before = jobs_version()
        with django_capture_on_commit_callbacks(execute=True):
            refresh_response_badges(now=NOW)
        assert jobs_version() != before
        before = jobs_version()
        with django_capture_on_commit_callbacks(execute=True):
            assert refresh_response_badges(now=NOW) == 0  # nothing changed
        assert jobs_version() == before

    def test_the_task_and_the_command(self, company, employer, job):
        from django.core.management import call_command

        from board.applications.tasks import refresh_response_badges as task

        for _ in range(10):
            event(received(job), employer, 1)
        task.delay()
        assert badge(company) == (1, 100)
        call_command("refresh_response_badges")


class TestWhereItShows:
    @pytest.fixture
    def badged(self, company, job):
        Company.objects.filter(pk=company.pk).update(response_days=3, response_rate=92)
        return company

    def test_on_the_company_page_with_what_it_means(self, client, badged):
        page = client.get(badged.get_absolute_url()).content.decode()
        assert "Usually responds within 3 days" in page
        assert "Responds to 92 % of applicants" in page
        assert "last 90 days" in page and "at least 10 applications" in page

    def test_on_job_cards(self, client, badged, job):
        page = client.get(reverse("job_list")).content.decode()
        assert "Usually responds within 3 days" in page

    def test_nothing_without_a_badge(self, client, company, job):
        assert "data-response-badge" not in client.get(company.get_absolute_url()).content.decode()
        assert "data-response-badge" not in client.get(reverse("job_list")).content.decode()

    def test_a_new_badge_reaches_a_cached_card_at_once(self, client, company, job):
        # Signed in: no cached results page, but the card's text is cached (cards.py),
        # under a key that holds the badge.
        client.force_login(MembershipFactory().user)
        client.get(reverse("job_list"))
        Company.objects.filter(pk=company.pk).update(response_rate=80)
        page = client.get(reverse("job_list")).content.decode()
        assert "Responds to 80 % of applicants" in page

    def test_the_job_list_costs_the_same_with_badges(self, client, company):
        JobFactory.create_batch(3, company=company)
        with CaptureQueriesContext(connection) as without:
            client.get(reverse("job_list"))
        for _ in range(5):
            JobFactory(company=MembershipFactory().company)
        Company.objects.update(response_days=2, response_rate=90)
        bump_jobs_version()  # as refresh_response_badges does after a change
        with CaptureQueriesContext(connection) as with_badges:
            page = client.get(reverse("job_list")).content.decode()
        assert page.count("Usually responds within 2 days") == 8
        assert len(with_badges) <= len(without)

    def test_in_rest_and_graphql(self, client, badged):
        api = bearer(MembershipFactory().user)
        body = api.get(reverse("api_company", args=[badged.slug])).json()
        assert (body["response_days"], body["response_rate"]) == (3, 92)
        query = "{ companies { edges { node { slug responseDays responseRate } } } }"
        answer = client.post("/graphql/", {"query": query}, content_type="application/json")
        nodes = [edge["node"] for edge in answer.json()["data"]["companies"]["edges"]]
        assert {"slug": badged.slug, "responseDays": 3, "responseRate": 92} in nodes
