"""The alert workflows of board/alerts/subscriptions.py, called directly."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from board.alerts import subscriptions
from board.alerts.models import JobAlert
from board.tests.factories import SeekerFactory

pytestmark = pytest.mark.django_db


class TestCreateAlert:
    def test_saves_the_normalised_search_from_now_on(self):
        user = SeekerFactory()
        before = timezone.now()
        alert = subscriptions.create_alert(
            user, QueryDict("workplace=remote&q=python&page=2&sort=salary"), "weekly"
        )
        assert (alert.user, alert.query, alert.frequency) == (
            user,
            "q=python&workplace=remote",
            "weekly",
        )
        assert alert.is_active
        assert before <= alert.high_water <= timezone.now()

    @pytest.mark.parametrize("frequency", [None, "", "hourly"])
    def test_without_a_known_frequency_it_is_daily(self, frequency):
        alert = subscriptions.create_alert(SeekerFactory(), QueryDict("q=x"), frequency)
        assert alert.frequency == JobAlert.Frequency.DAILY

    def test_an_invalid_search_is_refused(self):
        with pytest.raises(subscriptions.AlertRefusal) as raised:
            subscriptions.create_alert(SeekerFactory(), QueryDict("salary_min=-5"))
        assert str(raised.value) == subscriptions.INVALID_SEARCH
        assert not JobAlert.objects.exists()

    def test_the_same_search_in_another_order_is_refused_as_a_duplicate(self):
        user = SeekerFactory()
        subscriptions.create_alert(user, QueryDict("q=python&workplace=remote"))
        with pytest.raises(subscriptions.AlreadySubscribed) as raised:
            subscriptions.create_alert(user, QueryDict("workplace=remote&q=python"))
        assert str(raised.value) == subscriptions.ALREADY_SUBSCRIBED
        assert raised.value.query == "q=python&workplace=remote"
        assert JobAlert.objects.count() == 1

    def test_another_user_may_save_the_same_search(self):
        subscriptions.create_alert(SeekerFactory(), QueryDict("q=python"))
        subscriptions.create_alert(SeekerFactory(), QueryDict("q=python"))
        assert JobAlert.objects.count() == 2


class TestUnsubscribe:
    def test_pauses_the_alert_and_keeps_it(self):
        alert = subscriptions.create_alert(SeekerFactory(), QueryDict("q=python"))
        subscriptions.unsubscribe(alert)
        alert.refresh_from_db()
        assert not alert.is_active

    def test_twice_is_harmless(self, django_assert_num_queries):
        alert = subscriptions.create_alert(SeekerFactory(), QueryDict("q=python"))
        subscriptions.unsubscribe(alert)
        with django_assert_num_queries(0):
            subscriptions.unsubscribe(alert)
        alert.refresh_from_db()
        assert not alert.is_active
