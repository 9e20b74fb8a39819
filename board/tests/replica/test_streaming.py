"""A real streaming standby (pg_basebackup -R of the test's PostgreSQL, started on a free
port): public reads are served by it, a user's reads after their write by the primary, and
a standby that lags or stops is skipped without a single error page.

Which server answered is told by what it can see: with the standby's replay paused, a row
written since exists on the primary only.
"""

import logging
import subprocess
import time
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from board.core.replica import health
from board.core.replica.middleware import STICKY_COOKIE
from board.tests.factories import JobFactory, SeekerFactory
from board.tests.net import unavailable
from board.tests.replica.conftest import replica_alias
from board.tests.replica.standby import AT_LEAST_THE_PRIMARYS, Standby, server_bin

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    primary = connections["default"]
    if primary.vendor != "postgresql":
        pytest.skip("a streaming standby needs PostgreSQL (DATABASE_URL=postgres://…)")
    with django_db_blocker.unblock(), primary.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
            [list(AT_LEAST_THE_PRIMARYS)],
        )
        settings = dict(cursor.fetchall())
        major = primary.pg_version // 10000
    bindir = server_bin(major)
    if bindir is None:
        unavailable(f"PostgreSQL {major}'s server programs (pg_basebackup, pg_ctl) not found")
    server = Standby(primary.settings_dict, bindir)
    try:
        server.create(settings)
        server.start()
    except subprocess.SubprocessError as error:
        output = (getattr(error, "stderr", None) or b"").decode(errors="replace")
        log = server.log()
        server.remove()
        pytest.fail(f"could not start a standby: {error}\n{output}\n{log}")
    try:
        with replica_alias(HOST="127.0.0.1", PORT=server.port):
            yield server
    finally:
        server.stop("immediate")
        server.remove()


@pytest.fixture
def streaming(standby, routed):
    """The standby has everything the primary has, and replays as it comes."""
    health.reset()
    with connections["default"].cursor() as cursor:
        standby.catch_up(cursor)
    yield standby
    standby.sql("SELECT pg_wal_replay_resume()")


@contextmanager
def replay_paused(standby):
    with connections["default"].cursor() as cursor:
        standby.catch_up(cursor)
    standby.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        standby.sql("SELECT pg_wal_replay_resume()")


def test_the_replica_alias_is_a_standby(streaming):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (False,)


def test_public_search_is_served_by_the_standby(client, streaming, settings):
    settings.REPLICA_MAX_LAG_SECONDS = 60
    JobFactory(title="Streamed beekeeper")
    with replay_paused(streaming):
        JobFactory(title="Unreplayed beekeeper")  # on the primary only
        page = client.get("/jobs/", {"q": "beekeeper"})
        api = client.get("/api/v1/jobs/", {"q": "beekeeper"})
    assert page.status_code == api.status_code == 200
    assert "Streamed beekeeper" in page.text
    assert "Unreplayed beekeeper" not in page.text
    assert [job["title"] for job in api.json()["results"]] == ["Streamed beekeeper"]


def test_a_users_reads_after_their_write_come_from_the_primary(client, streaming, settings):
    settings.REPLICA_MAX_LAG_SECONDS = 60
    job = JobFactory(title="Orchard keeper")
    client.force_login(SeekerFactory())
    unsave = f"/jobs/{job.pk}/unsave/"
    with replay_paused(streaming):
        saved = client.post(f"/jobs/{job.pk}/save/")
        assert STICKY_COOKIE in saved.cookies
        after_write = client.get(job.get_absolute_url())
        # The same page without the cookie comes from the standby, which has not seen it.
        del client.cookies[STICKY_COOKIE]
        without_cookie = client.get(job.get_absolute_url())
    assert after_write.status_code == without_cookie.status_code == 200
    assert unsave in after_write.text
    assert unsave not in without_cookie.text


def test_a_lagging_standby_is_skipped(client, streaming, settings, caplog):
    settings.REPLICA_MAX_LAG_SECONDS = 1
    JobFactory(title="Early cooper")
    with replay_paused(streaming), caplog.at_level(logging.WARNING):
        JobFactory(title="Late cooper")
        time.sleep(1.5)  # the standby's last replayed commit is now over a second old
        lagging = client.get("/jobs/", {"q": "cooper"})
        again = client.get("/jobs/feed/")
    assert lagging.status_code == again.status_code == 200
    assert "Late cooper" in lagging.text  # the primary's answer
    assert "Late cooper" in again.text
    warnings = [r for r in caplog.records if r.name == "board.core.replica.health"]
    assert len(warnings) == 1
    assert "behind the primary" in warnings[0].getMessage()

    # Caught up again: the next measure sends public reads back to it.
    with connections["default"].cursor() as cursor:
        streaming.catch_up(cursor)
    health.reset()
    with replay_paused(streaming):
        JobFactory(title="Unreplayed cooper")
        time.sleep(0.1)
        settings.REPLICA_MAX_LAG_SECONDS = 60
        back = client.get("/jobs/", {"q": "cooper"})
    assert "Late cooper" in back.text
    assert "Unreplayed cooper" not in back.text


def test_a_stopped_standby_falls_back_to_the_primary(client, streaming, caplog):
    job = JobFactory(title="Lighthouse keeper")
    assert client.get("/jobs/").status_code == 200  # the standby serves, and is connected
    streaming.stop()
    try:
        with caplog.at_level(logging.WARNING):
            pages = [
                client.get("/jobs/", {"q": "lighthouse"}),
                client.get(job.get_absolute_url()),
                client.get("/api/v1/jobs/"),
                client.get("/"),
            ]
    finally:
        streaming.start()
    assert [page.status_code for page in pages] == [200] * 4
    assert job.title in pages[0].text
    warnings = [r for r in caplog.records if r.name == "board.core.replica.health"]
    assert len(warnings) == 1


def test_an_idle_primary_is_not_taken_for_lag(client, streaming, settings):
    # Nothing written for longer than the limit: the standby's last replayed commit is old,
    # but it has everything, so it keeps serving.
    settings.REPLICA_MAX_LAG_SECONDS = 1
    JobFactory(title="Quiet shepherd")
    with connections["default"].cursor() as cursor:
        streaming.catch_up(cursor)
    time.sleep(1.5)
    with CaptureQueriesContext(connections["replica"]) as replica:
        page = client.get("/jobs/", {"q": "shepherd"})
    assert "Quiet shepherd" in page.text
    assert any("board_job" in query["sql"] for query in replica.captured_queries)
