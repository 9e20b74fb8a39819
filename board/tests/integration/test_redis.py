"""The cache on a real Redis: cached listings change the moment a job does, and pages still
answer when Redis is gone (a closed port, and a real redis-server stopped and started)."""

import re
import shutil
import subprocess
import time

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.tests.factories import PASSWORD, CategoryFactory, CompanyFactory, JobFactory, UserFactory
from board.tests.integration.conftest import REDIS_TEST_URL, cache_settings
from board.tests.net import free_port, unavailable
from site_config import cache as resilient

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

HOME = reverse("home")
JOBS = reverse("job_list")
LOGIN = reverse("account_login")


TITLE = re.compile(r'class="stretched-link text-decoration-none">([^<]+)</a>')


def titles(response):
    assert response.status_code == 200
    return set(TITLE.findall(response.text))


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


class TestInvalidation:
    """Every write commits (transactional database), so the on_commit bumps run for real."""

    def test_a_cached_job_list_changes_right_after_a_job_does(self, client, redis_cache):
        job = JobFactory(title="Orbital Mechanic")
        draft = JobFactory(title="Lunar Geologist", draft=True)
        assert titles(client.get(JOBS)) == {"Orbital Mechanic"}
        assert queries_of(client, JOBS) == 0  # served from Redis
        keys = redis.Redis.from_url(REDIS_TEST_URL).keys("nexus-test:*job-results*")
        assert len(keys) == 1

        draft.publish()
        assert titles(client.get(JOBS)) == {"Orbital Mechanic", "Lunar Geologist"}
        job.title = "Orbital Engineer"
        job.save()
        assert titles(client.get(JOBS)) == {"Orbital Engineer", "Lunar Geologist"}
        job.close()
        assert titles(client.get(JOBS)) == {"Lunar Geologist"}
        assert queries_of(client, JOBS) == 0  # and cached again

    def test_company_and_category_changes_reach_cards_tiles_and_choices(self, client, redis_cache):
        company = CompanyFactory(name="Acme")
        category = CategoryFactory(name="Nursing", slug="nursing")
        JobFactory(company=company, category=category, title="Night Nurse")
        assert "Verified" not in client.get(JOBS).text
        assert "1 open job<" in client.get(HOME).text
        company.verified = True
        company.save()
        assert "Verified" in client.get(JOBS).text
        category.name = "Nursing and Care"
        category.save()
        assert "Nursing and Care" in client.get(HOME).text
        assert titles(client.get(f"{JOBS}?category=nursing")) == {"Night Nurse"}
        JobFactory(category=category)
        assert "2 open jobs" in client.get(HOME).text


class TestRedisDown:
    PAGES = ("home", "jobs", "job", "login")

    def _answers(self, client, job):
        urls = {"home": HOME, "jobs": JOBS, "job": job.get_absolute_url(), "login": LOGIN}
        return {name: client.get(urls[name]).status_code for name in self.PAGES}

    def test_pages_answer_with_the_cache_on_a_closed_port(self, client, settings, caplog):
        settings.CACHES = cache_settings("redis://127.0.0.1:1/0")
        job = JobFactory(title="Orbital Mechanic")
        started = time.perf_counter()
        assert self._answers(client, job) == dict.fromkeys(self.PAGES, 200)
        assert titles(client.get(JOBS)) == {"Orbital Mechanic"}  # from the database
        # allauth's rate limits cannot count: they let the login through (fail open).
        user = UserFactory()
        response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302 and "_auth_user_id" in client.session
        assert time.perf_counter() - started < 5
        warnings = [r for r in caplog.records if r.name == "site_config.cache"]
        assert len(warnings) == 1  # one warning, not one per cache call

    def test_a_real_redis_stopped_and_started_again(self, client, settings, monkeypatch):
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server is not installed (Debian: apt-get install redis-server)")
        port = free_port()
        settings.CACHES = cache_settings(f"redis://127.0.0.1:{port}/0")
        monkeypatch.setattr(resilient, "RETRY_AFTER", 0.5)
        server = _start_redis(binary, port)
        try:
            job = JobFactory(title="Orbital Mechanic")
            client.get(JOBS)
            assert queries_of(client, JOBS) == 0

            server.terminate()
            server.wait(timeout=10)
            assert self._answers(client, job) == dict.fromkeys(self.PAGES, 200)
            assert queries_of(client, JOBS) > 0  # rendered from the database each time

            server = _start_redis(binary, port)
            time.sleep(0.6)  # past RETRY_AFTER: the next call tries Redis again
            client.get(JOBS)
            assert queries_of(client, JOBS) == 0  # cached again
        finally:
            server.terminate()
            server.wait(timeout=10)


def _start_redis(binary, port):
    process = subprocess.Popen(  # noqa: S603 -- our own command line
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.2)
    for _ in range(50):
        try:
            if client.ping():
                return process
        except redis.exceptions.ConnectionError:
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"redis-server did not start on port {port}")
