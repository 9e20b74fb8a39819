import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import resolve, reverse
from django.utils import timezone

from board.alerts.digests import alert_from_token, send_digest, unsubscribe_path
from board.alerts.models import JobAlert
from board.alerts.tasks import send_job_alerts
from board.tests.factories import JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


def _alert(user=None, query="q=welder", frequency="daily", hours_ago=24):
    return JobAlert.objects.create(
        user=user or SeekerFactory(),
        query=query,
        frequency=frequency,
        high_water=timezone.now() - timedelta(hours=hours_ago),
    )


def _job(title, hours_ago, **fields):
    return JobFactory(
        title=title, published_at=timezone.now() - timedelta(hours=hours_ago), **fields
    )


class TestSavingASearch:
    url = reverse("create_alert")

    def test_saves_the_search_validated_and_normalised(self, client):
        user = SeekerFactory()
        client.force_login(user)
        query = "workplace=remote&q=python&page=3&sort=salary&location=&workplace=hybrid"
        response = client.post(self.url, {"query": query, "frequency": "weekly"})
        alert = JobAlert.objects.get(user=user)
        assert alert.query == "q=python&workplace=hybrid&workplace=remote"
        assert alert.frequency == "weekly"
        assert alert.high_water <= timezone.now()
        assert response["Location"] == "/jobs/?q=python&workplace=hybrid&workplace=remote"

    @pytest.mark.parametrize(
        "query, said",
        [
            ("", "we'll e-mail you every new job."),
            ("q=python", "we'll e-mail you new jobs for “python”."),
        ],
    )
    def test_the_confirmation_reads_right(self, client, query, said):
        client.force_login(SeekerFactory())
        response = client.post(self.url, {"query": query}, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert messages == [f"Alert saved: {said}"]

    def test_invalid_search_is_refused_with_a_message(self, client):
        client.force_login(SeekerFactory())
        response = client.post(self.url, {"query": "salary_min=-5"}, follow=True)
        assert not JobAlert.objects.exists()
        assert "invalid filters" in response.content.decode()

    def test_the_same_search_twice_is_one_alert(self, client):
        client.force_login(SeekerFactory())
        client.post(self.url, {"query": "q=python"})
        response = client.post(self.url, {"query": "q=python"}, follow=True)
        assert JobAlert.objects.count() == 1
        assert "already have an alert" in response.content.decode()

    def test_anonymous_is_sent_to_login_and_get_is_refused(self, client):
        assert client.post(self.url, {"query": "q=x"})["Location"].startswith("/accounts/login/")
        client.force_login(SeekerFactory())
        assert client.get(self.url).status_code == 405
        assert not JobAlert.objects.exists()

    def test_list_page_offers_it_with_the_current_search(self, client):
        client.force_login(SeekerFactory())
        html = client.get(reverse("job_list"), {"q": "python"}).content.decode()
        assert f'action="{self.url}"' in html
        assert 'name="query" value="q=python"' in html


class TestManagingAlerts:
    def test_list_shows_only_my_alerts_and_is_private(self, client):
        mine, theirs = _alert(query="q=welder"), _alert(query="q=baker")
        client.force_login(mine.user)
        response = client.get(reverse("job_alerts"))
        html = response.content.decode()
        assert "welder" in html and "baker" not in html
        assert "no-store" in response["Cache-Control"]
        assert theirs.pk not in [a.pk for a, _ in response.context["rows"]]

    def test_pause_resume_frequency_and_delete(self, client):
        alert = _alert(hours_ago=48)
        client.force_login(alert.user)
        url = reverse("update_alert", args=[alert.pk])
        client.post(url, {"active": "0"})
        alert.refresh_from_db()
        assert not alert.is_active
        client.post(url, {"active": "1", "frequency": "weekly"})
        alert.refresh_from_db()
        assert alert.is_active and alert.frequency == "weekly"
        # Resuming does not send everything published while paused.
        assert alert.high_water > timezone.now() - timedelta(minutes=1)
        client.post(reverse("delete_alert", args=[alert.pk]))
        assert not JobAlert.objects.exists()

    @pytest.mark.parametrize("name", ["update_alert", "delete_alert"])
    def test_another_users_alert_is_404(self, client, name):
        alert = _alert()
        client.force_login(SeekerFactory())
        response = client.post(reverse(name, args=[alert.pk]), {"active": "0"})
        assert response.status_code == 404
        alert.refresh_from_db()
        assert alert.is_active

    @pytest.mark.parametrize("name", ["update_alert", "delete_alert"])
    def test_anonymous_cannot_change_alerts(self, client, name):
        alert = _alert()
        response = client.post(reverse(name, args=[alert.pk]), {"active": "0"})
        assert response.status_code == 302
        assert JobAlert.objects.get().is_active


class TestDigest:
    def test_sends_new_matching_jobs_once(self):
        alert = _alert(query="q=welder&workplace=remote")
        _job("Remote Welder", 2, workplace="remote")
        _job("Office Welder", 2, workplace="on_site")
        _job("Remote Baker", 2, workplace="remote")
        _job("Old Remote Welder", 30, workplace="remote")  # before the mark
        _job("Hidden Remote Welder", 2, workplace="remote", draft=True)

        assert send_digest(alert.pk, timezone.now()) == 1
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [alert.user.email]
        assert "Remote Welder" in message.body
        assert "Office Welder" not in message.body and "Old Remote" not in message.body

        assert send_digest(alert.pk, timezone.now()) == 0  # nothing new: nothing sent
        assert len(mail.outbox) == 1

    def test_a_job_published_after_a_run_comes_in_the_next(self):
        alert = _alert()
        _job("Welder A", 2)
        send_digest(alert.pk, timezone.now())
        _job("Welder B", 0)
        send_digest(alert.pk, timezone.now() + timedelta(seconds=1))
        assert len(mail.outbox) == 2
        assert "Welder B" in mail.outbox[1].body and "Welder A" not in mail.outbox[1].body

    def test_a_failed_run_loses_nothing(self):
        alert = _alert()
        _job("Welder A", 2)
        mark = alert.high_water
        with (
            mock.patch(
                "django.core.mail.backends.locmem.EmailBackend.send_messages",
                side_effect=smtplib.SMTPServerDisconnected("down"),
            ),
            pytest.raises(smtplib.SMTPServerDisconnected),
        ):
            send_digest(alert.pk, timezone.now())
        alert.refresh_from_db()
        assert alert.high_water == mark
        assert send_digest(alert.pk, timezone.now()) == 1
        assert "Welder A" in mail.outbox[0].body

    def test_empty_digest_is_skipped_but_moves_the_mark(self):
        alert = _alert()
        cutoff = timezone.now()
        assert send_digest(alert.pk, cutoff) == 0
        assert mail.outbox == []
        alert.refresh_from_db()
        assert alert.high_water == cutoff

    def test_paused_alerts_get_nothing(self):
        alert = _alert()
        alert.is_active = False
        alert.save()
        _job("Welder", 1)
        assert send_digest(alert.pk, timezone.now()) == 0

    def test_has_one_click_unsubscribe_headers(self, settings):
        settings.SITE_URL = "https://jobs.example.com"
        alert = _alert()
        _job("Welder", 1)
        send_digest(alert.pk, timezone.now())
        message = mail.outbox[0]
        # The token is signed with a timestamp, so it is checked by what it names,
        # not compared with one made a moment later.
        header = message.extra_headers["List-Unsubscribe"]
        assert header.startswith("<https://jobs.example.com/") and header.endswith(">")
        link = header.strip("<>")
        match = resolve(link.removeprefix("https://jobs.example.com"))
        assert match.url_name == "alert_unsubscribe"
        assert alert_from_token(*match.args, **match.kwargs) == alert
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.body

    def test_the_header_and_the_body_give_the_same_link_across_a_second(self, settings):
        # Signed tokens carry the second they were made: the message is rendered over
        # time (body, then headers), and a clock that moves on between them must not
        # give the header a link the body does not show. Each read of the clock here
        # is a second later.
        alert = _alert()
        _job("Welder", 1)
        seconds = iter(range(1_800_000_000, 1_800_001_000))
        with mock.patch("django.core.signing.time.time", lambda: next(seconds)):
            send_digest(alert.pk, timezone.now())
        message = mail.outbox[0]
        link = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert link in message.body

    def test_scheduled_run_sends_each_frequency(self):
        daily, weekly = _alert(frequency="daily"), _alert(frequency="weekly", query="q=welder")
        _job("Welder", 1)
        assert send_job_alerts.apply(args=["daily"]).get() == 1
        assert [m.to for m in mail.outbox] == [[daily.user.email]]
        send_job_alerts.apply(args=["weekly"]).get()
        assert [m.to for m in mail.outbox][1] == [weekly.user.email]


class TestUnsubscribe:
    def test_works_without_login_and_get_changes_nothing(self, client):
        alert = _alert()
        url = unsubscribe_path(alert)
        assert "Unsubscribe" in client.get(url).content.decode()
        alert.refresh_from_db()
        assert alert.is_active  # link scanners follow GETs
        client.post(url)
        alert.refresh_from_db()
        assert not alert.is_active

    def test_one_click_post_from_a_mail_client_needs_no_csrf_token(self):
        from django.test import Client

        alert = _alert()
        client = Client(enforce_csrf_checks=True)
        response = client.post(unsubscribe_path(alert), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        alert.refresh_from_db()
        assert not alert.is_active

    @pytest.mark.parametrize("token", ["forged", "1:abc:def", "MQ:1tZ:" + "x" * 43])
    def test_forged_tokens_are_404(self, client, token):
        _alert()
        assert client.post(reverse("alert_unsubscribe", args=[token])).status_code == 404
        assert JobAlert.objects.get().is_active

    def test_a_token_only_works_for_its_own_alert(self, client):
        first, second = _alert(), _alert(query="q=baker")
        client.post(unsubscribe_path(first))
        second.refresh_from_db()
        assert second.is_active
