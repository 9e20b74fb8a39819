"""Where each read goes, with "replica" as a second name for the test database (SQLite or
PostgreSQL): the decisions of the router and the middleware, seen per alias.

test_streaming.py proves the same with a real standby on PostgreSQL.
"""

import logging
import re
import socket

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from board.core.replica import routing
from board.core.replica.middleware import STICKY_COOKIE
from board.jobs.models import Job
from board.tests.factories import JobFactory, SeekerFactory
from board.tests.replica.conftest import replica_alias, replica_settings

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(scope="module", autouse=True)
def _replica(django_db_setup):
    with replica_alias():
        yield


class Captured:
    def __init__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])

    def __enter__(self):
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def tables(self, alias):
        captured = self.primary if alias == "default" else self.replica
        return {
            t
            for q in captured.captured_queries
            for t in re.findall(r'"(board_\w+|django_\w+)"', q["sql"])
        }


def test_outside_a_request_reads_and_writes_go_to_the_primary(routed):
    # Celery tasks, commands, the shell: no request context.
    assert router.db_for_read(Job) == "default"
    assert router.db_for_write(Job) == "default"


def test_a_public_request_reads_the_replica_until_it_writes(routed):
    token = routing.begin()
    try:
        assert router.db_for_read(Job) == "default"  # not public until the middleware says
        routing.current().public = True
        assert router.db_for_read(Job) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Job) == "default"  # a transaction reads what it wrote
        assert router.db_for_read(Job) == "replica"
        assert router.db_for_write(Job) == "default"
        assert router.db_for_read(Job) == "default"  # read-then-write: its reads follow
    finally:
        routing.end(token)
    assert router.db_for_read(Job) == "default"


def test_migrations_only_on_the_primary(routed):
    assert router.allow_migrate("default", "board", model_name="job")
    assert not router.allow_migrate("replica", "board", model_name="job")


def test_anonymous_search_reads_the_replica(client, routed):
    job = JobFactory(title="Replica gardener")
    with Captured() as queries:
        response = client.get("/jobs/", {"q": "gardener"})
    assert response.status_code == 200
    assert job.title in response.text
    assert "board_job" in queries.tables("replica")
    assert "board_job" not in queries.tables("default")
    assert STICKY_COOKIE not in response.cookies


@pytest.mark.parametrize(
    "path", ["/", "/jobs/feed/", "/sitemap.xml", "/companies/{slug}/", "/jobs/{pk}/"]
)
def test_public_pages_read_the_replica(client, routed, path):
    job = JobFactory()
    with Captured() as queries:
        response = client.get(path.format(slug=job.company.slug, pk=job.pk), follow=True)
    assert response.status_code == 200
    assert queries.tables("replica")
    assert not queries.tables("default") & {"board_job", "board_company"}


def test_a_signed_in_visitor_is_loaded_from_the_primary(client, routed):
    seeker = SeekerFactory()
    job = JobFactory()
    client.force_login(seeker)
    with Captured() as queries:
        response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    # Who is asking: the session and the user, from the primary; the page from the replica.
    assert {"django_session", "board_user"} <= queries.tables("default")
    assert "board_job" in queries.tables("replica")
    assert not queries.tables("replica") & {"django_session", "board_user"}


def test_after_a_write_the_user_reads_the_primary(client, routed):
    seeker = SeekerFactory()
    job = JobFactory()
    client.force_login(seeker)
    saved = client.post(f"/jobs/{job.pk}/save/")
    assert saved.status_code == 302
    assert saved.cookies[STICKY_COOKIE]["max-age"] == 10
    assert saved.cookies[STICKY_COOKIE]["httponly"]

    with Captured() as queries:
        page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert not queries.replica.captured_queries
    assert "board_savedjob" in queries.tables("default")

    # Once the time is up (the browser drops the cookie; an old value is ignored too).
    client.cookies[STICKY_COOKIE] = "1000"
    with Captured() as queries:
        client.get(job.get_absolute_url())
    assert "board_job" in queries.tables("replica")


def test_a_post_that_writes_nothing_sets_no_cookie(client, routed):
    # A refused form (here: nothing to save) leaves the user on the replica.
    client.force_login(SeekerFactory())
    response = client.post("/jobs/999999/save/")
    assert response.status_code == 404
    assert STICKY_COOKIE not in response.cookies


def test_a_public_page_that_writes_reads_the_rest_from_the_primary(client, routed, settings):
    # Analytics without Redis write their buffer on the next view once it is full: that
    # write, and every read after it in the request, goes to the primary.
    settings.ANALYTICS_BUFFER_EVENTS = 1
    job = JobFactory()
    client.get(job.get_absolute_url())
    with Captured() as queries:
        response = client.get(job.get_absolute_url(), headers={"user-agent": "Mozilla/5.0"})
    assert response.status_code == 200
    assert STICKY_COOKIE not in response.cookies  # a GET's bookkeeping is not the user's write
    assert queries.tables("replica")


def test_private_pages_read_the_primary(client, routed):
    client.force_login(SeekerFactory())
    with Captured() as queries:
        assert client.get("/me/").status_code == 200
        assert client.get("/me/saved/").status_code == 200
    assert not queries.replica.captured_queries


def test_api_reads_the_replica_for_anonymous_callers_only(client, routed):
    JobFactory()
    with Captured() as queries:
        assert client.get("/api/v1/jobs/").status_code == 200
    assert "board_job" in queries.tables("replica")

    client.force_login(SeekerFactory())
    with Captured() as queries:
        assert client.get("/api/v1/jobs/").status_code == 200
    assert not queries.replica.captured_queries
    with Captured() as queries:
        client.logout()
        client.get("/api/v1/jobs/", headers={"authorization": "Bearer not-a-token"})
    assert not queries.replica.captured_queries


def test_graphql_queries_read_the_replica_mutations_the_primary(client, routed):
    job = JobFactory()
    query = {"query": "{ jobs(first: 5) { edges { node { title } } } }"}
    with Captured() as queries:
        answer = client.post("/graphql/", query, content_type="application/json").json()
    assert answer["data"]["jobs"]["edges"][0]["node"]["title"] == job.title
    assert "board_job" in queries.tables("replica")

    mutation = {"query": f'mutation {{ saveJob(jobId: "{job.pk}") {{ savedAt }} }}'}
    with Captured() as queries:
        client.post("/graphql/", mutation, content_type="application/json")
    assert not queries.replica.captured_queries


def test_without_the_setting_nothing_reads_the_replica(client):
    # The alias exists here, but no router or middleware: as without DATABASE_REPLICA_URL.
    JobFactory()
    with Captured() as queries:
        assert client.get("/jobs/").status_code == 200
    assert not queries.replica.captured_queries


def _unreachable():
    if connections["default"].vendor == "postgresql":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return {"PORT": probe.getsockname()[1]}  # closed again: connection refused
    return {"NAME": "/nonexistent-directory/replica.sqlite3"}


def test_a_replica_that_is_down_falls_back_to_the_primary(client, routed, caplog):
    job = JobFactory(title="Still answered")
    with replica_settings(**_unreachable()), caplog.at_level(logging.WARNING):
        first = client.get("/jobs/")
        second = client.get(job.get_absolute_url())
    assert first.status_code == second.status_code == 200
    assert job.title in first.text
    warnings = [r for r in caplog.records if r.name == "board.core.replica.health"]
    assert len(warnings) == 1  # once, not per request
    assert "reading from the primary" in warnings[0].getMessage()
