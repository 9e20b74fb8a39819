"""Which views count, and the buffered path (no Redis, the default settings)."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.analytics.counters import buffer, flush_counts
from board.analytics.models import JobDailyStats
from board.analytics.store import add_counts
from board.analytics.visitors import is_automated
from board.companies.models import Membership
from board.tests.analytics.conftest import BROWSER
from board.tests.factories import JobFactory, MembershipFactory, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def counted(job):
    """(views, apply starts) of the job today, after a flush."""
    flush_counts()
    row = JobDailyStats.objects.filter(job=job, day=timezone.localdate()).first()
    return (row.views, row.apply_starts) if row else (0, 0)


@pytest.fixture
def job():
    return JobFactory()


def writes(queries):
    return [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]


class TestWhatCounts:
    def test_a_view_is_counted_once(self, client, job):
        assert client.get(job.get_absolute_url(), **BROWSER).status_code == 200
        assert counted(job) == (1, 0)
        assert counted(job) == (1, 0)  # a second flush adds nothing

    def test_the_page_view_writes_nothing_to_the_database(self, client, job):
        with CaptureQueriesContext(connection) as queries:
            client.get(job.get_absolute_url(), **BROWSER)
        assert writes(queries) == []
        assert not JobDailyStats.objects.exists()  # still in the buffer
        assert counted(job) == (1, 0)

    def test_a_seeker_who_may_apply_is_an_apply_start(self, client, job):
        client.force_login(SeekerFactory())
        client.get(job.get_absolute_url(), **BROWSER)
        assert counted(job) == (1, 1)

    def test_anonymous_visitors_see_no_form_and_start_nothing(self, client, job):
        client.get(job.get_absolute_url(), **BROWSER)
        client.get(job.get_absolute_url(), **BROWSER)
        assert counted(job) == (2, 0)

    @pytest.mark.parametrize(
        "agent",
        [
            "",
            "Googlebot/2.1 (+http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0)",
            "Baiduspider",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
            "curl/8.5.0",
            "python-requests/2.32",
            "facebookexternalhit/1.1",
            "Slackbot-LinkExpanding 1.0",
        ],
    )
    def test_robots_are_not_counted(self, client, job, agent):
        client.get(job.get_absolute_url(), HTTP_USER_AGENT=agent)
        assert counted(job) == (0, 0)

    def test_browsers_are_not_robots(self):
        assert not is_automated(BROWSER["HTTP_USER_AGENT"])
        assert not is_automated(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
        )

    def test_head_requests_are_not_counted(self, client, job):
        assert client.head(job.get_absolute_url(), **BROWSER).status_code == 200
        assert counted(job) == (0, 0)

    @pytest.mark.parametrize(
        "header",
        [
            {"HTTP_SEC_PURPOSE": "prefetch"},
            {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
            {"HTTP_PURPOSE": "prefetch"},
            {"HTTP_X_MOZ": "prefetch"},
        ],
    )
    def test_prefetches_are_not_counted(self, client, job, header):
        client.get(job.get_absolute_url(), **BROWSER, **header)
        assert counted(job) == (0, 0)

    @pytest.mark.parametrize("role", [Membership.Role.OWNER, Membership.Role.RECRUITER])
    def test_the_jobs_own_team_is_not_counted(self, client, job, role):
        client.force_login(MembershipFactory(company=job.company, role=role).user)
        client.get(job.get_absolute_url(), **BROWSER)
        assert counted(job) == (0, 0)

    def test_another_companys_employer_is_counted(self, client, job):
        client.force_login(MembershipFactory().user)
        client.get(job.get_absolute_url(), **BROWSER)
        assert counted(job) == (1, 0)

    def test_staff_are_not_counted(self, client, job):
        client.force_login(StaffFactory())
        client.get(job.get_absolute_url(), **BROWSER)
        assert counted(job) == (0, 0)

    def test_a_redirect_to_the_right_slug_is_not_a_view(self, client, job):
        client.get(f"/jobs/{job.pk}/wrong-slug/", **BROWSER)
        assert counted(job) == (0, 0)


class TestBuffer:
    def test_written_as_one_upsert_once_enough_views_arrived(self, client, job, settings):
        settings.ANALYTICS_BUFFER_EVENTS = 3
        for _ in range(2):
            client.get(job.get_absolute_url(), **BROWSER)
        assert not JobDailyStats.objects.exists()
        with CaptureQueriesContext(connection) as queries:
            client.get(job.get_absolute_url(), **BROWSER)
        inserts = [sql for sql in writes(queries) if "INSERT" in sql.upper()]
        assert len(inserts) == 1
        assert JobDailyStats.objects.get(job=job).views == 3

    def test_written_when_its_time_is_up(self, client, job, settings):
        settings.ANALYTICS_BUFFER_SECONDS = 0
        client.get(job.get_absolute_url(), **BROWSER)
        assert JobDailyStats.objects.get(job=job).views == 1

    def test_flushes_add_to_what_is_there(self, job):
        today = timezone.localdate()
        add_counts({(job.pk, today): (3, 1)})
        add_counts({(job.pk, today): (2, 0)})
        row = JobDailyStats.objects.get(job=job, day=today)
        assert (row.views, row.apply_starts) == (5, 1)

    def test_counts_of_a_deleted_job_are_dropped(self, job):
        other = JobFactory()
        today = timezone.localdate()
        gone = job.pk
        job.delete()
        assert add_counts({(gone, today): (1, 0), (other.pk, today): (1, 0)}) == 1
        assert JobDailyStats.objects.get().job == other

    def test_threads_counting_at_once_lose_nothing(self, job, settings):
        settings.ANALYTICS_BUFFER_EVENTS = (
            10**6
        )  # only the test's flush writes (its own connection)
        today = timezone.localdate()

        def count():
            for _ in range(500):
                buffer.add(job.pk, today, ("v",))

        threads = [threading.Thread(target=count) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert counted(job) == (2000, 0)
