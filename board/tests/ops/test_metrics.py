"""/metrics: not public, labelled by route pattern (never a raw path), the outbox backlog
and the Celery queue read at scrape time, task failures counted."""

import re
import uuid
from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone

from board.notifications.models import Notification
from board.notifications.outbox import MAX_ATTEMPTS
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

TOKEN = "test-metrics-token-0123456789"


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def scrape():
        response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=")
        return response.content.decode()

    return scrape


def value(text, name, **labels):
    """The sample `name{labels}` in the exposition text (0 when absent)."""
    wanted = {key: str(label) for key, label in labels.items()}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        series, _, sample = line.rpartition(" ")
        found_name, _, label_text = series.partition("{")
        if found_name == name and dict(re.findall(r'(\w+)="([^"]*)"', label_text)) == wanted:
            return float(sample)
    return 0.0


def route_labels(text):
    return set(re.findall(r'route="([^"]*)"', text))


class TestNotPublic:
    def test_no_token_configured_is_a_404_whatever_is_sent(self, client, settings):
        settings.METRICS_TOKEN = ""
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404

    @pytest.mark.parametrize(
        "header",
        [None, "Bearer wrong", f"Bearer {TOKEN}x", f"bearer{TOKEN}", TOKEN, f"Basic {TOKEN}"],
    )
    def test_wrong_or_missing_token_is_a_404(self, client, settings, header):
        settings.METRICS_TOKEN = TOKEN
        headers = {"Authorization": header} if header else {}
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 404
        assert b"nexus_" not in response.content

    def test_the_token_opens_it(self, scrape):
        assert "nexus_http_requests_total" in scrape()

    def test_only_get_and_head(self, client, settings):
        settings.METRICS_TOKEN = TOKEN
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert client.post("/metrics", headers=auth).status_code == 405


class TestRequests:
    def test_counted_by_route_pattern_method_and_status_class(self, client, scrape):
        job = JobFactory(slug="data-engineer-7731")
        before = scrape()
        route = "/jobs/<int:pk>-<slug:slug>/"
        for _ in range(3):
            assert client.get(job.get_absolute_url()).status_code == 200
        client.get("/jobs/999999-nothing/")
        after = scrape()
        labels = {"method": "GET", "route": route}
        ok = value(after, "nexus_http_requests_total", **labels, status="2xx")
        assert ok - value(before, "nexus_http_requests_total", **labels, status="2xx") == 3
        assert value(after, "nexus_http_requests_total", **labels, status="4xx") >= 1
        count = value(after, "nexus_http_request_duration_seconds_count", route=route)
        assert count - value(before, "nexus_http_request_duration_seconds_count", route=route) == 4
        # Never the path: ids and slugs would each make a series (and can be personal).
        routes = route_labels(after)
        assert route in routes
        # (the id as a path segment: a bare "1" would match "/api/v1/").
        ids = (f"/{job.pk}-", f"/{job.pk}/", "7731", "999999")
        assert not [r for r in routes if any(each in r for each in ids)]

    def test_unrouted_paths_and_odd_methods_share_one_label(self, client, scrape):
        client.get(f"/no-such-page-{uuid.uuid4().hex}/")
        client.generic("BREW", "/jobs/")
        after = scrape()
        assert 'route="<unresolved>"' in after
        assert value(
            after, "nexus_http_requests_total", method="other", route="/jobs/", status="4xx"
        )
        assert "no-such-page" not in after and "BREW" not in after

    def test_probes_and_scrapes_are_not_counted(self, client, scrape):
        client.get("/healthz")
        client.get("/readyz")
        text = scrape()
        assert "/healthz" not in text and "/readyz" not in text and "/metrics" not in text


class TestSampled:
    def test_outbox_backlog(self, scrape):
        now = timezone.now()
        old = Notification.objects.create(kind="invitation", object_id=1)
        Notification.objects.filter(pk=old.pk).update(created=now - timedelta(minutes=30))
        Notification.objects.create(kind="invitation", object_id=2, attempts=2)
        Notification.objects.create(kind="invitation", object_id=4, attempts=3, sent_at=now)
        given_up = Notification.objects.create(
            kind="invitation", object_id=5, attempts=MAX_ATTEMPTS
        )
        Notification.objects.filter(pk=given_up.pk).update(created=now - timedelta(days=3))
        Notification.objects.create(kind="invitation", object_id=3, sent_at=now)
        text = scrape()
        assert value(text, "nexus_outbox_pending") == 2
        assert value(text, "nexus_outbox_failing") == 1
        assert value(text, "nexus_outbox_abandoned") == 1  # not in the backlog nor its age
        assert 1790 < value(text, "nexus_outbox_oldest_pending_seconds") < 1900

    def test_empty_outbox(self, scrape):
        text = scrape()
        assert value(text, "nexus_outbox_pending") == 0
        assert value(text, "nexus_outbox_oldest_pending_seconds") == 0

    def test_no_queue_without_a_broker(self, scrape):
        assert "nexus_celery_queue_length" not in scrape()

    def test_queue_length_from_the_broker(self, scrape, use_broker, live_broker):
        from site_config.celery import app

        queue = f"test-metrics-{uuid.uuid4().hex[:12]}"
        use_broker(live_broker)
        saved = app.conf.task_default_queue
        app.conf.task_default_queue = queue
        try:
            for _ in range(3):  # no worker consumes this queue
                app.send_task("board.notifications.tasks.deliver_notification", args=[0])
            assert value(scrape(), "nexus_celery_queue_length", queue=queue) == 3
        finally:
            with app.connection_for_write() as conn:
                conn.default_channel.queue_delete(queue)
            app.conf.task_default_queue = saved

    def test_a_broker_away_does_not_break_the_scrape(self, scrape, use_broker):
        from board.tests.net import closed_port

        use_broker(f"redis://127.0.0.1:{closed_port()}/0")
        text = scrape()
        assert "nexus_celery_queue_length" in text and "NaN" in text
        assert "nexus_outbox_pending" in text


@shared_task(name="board.tests.ops.always_fails")
def always_fails():
    raise RuntimeError("boom")


def test_task_failures_are_counted_by_task(scrape):
    before = value(
        scrape(), "nexus_celery_task_failures_total", task="board.tests.ops.always_fails"
    )
    always_fails.apply()  # run here, as an eager task would be
    always_fails.apply()
    after = value(scrape(), "nexus_celery_task_failures_total", task="board.tests.ops.always_fails")
    assert after - before == 2
