"""The daily clean-up: expired sessions, the records (IP address, browser) of ended
sessions, and devices unused for RETENTION_INACTIVE_ACCOUNT_DAYS are deleted; live
ones stay."""

from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board.accounts.device_models import KnownDevice
from board.accounts.signins import forget_ended_sessions
from board.tests.accounts.signing_in import SAFARI_IPHONE, is_signed_in, signed_in
from board.tests.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def test_ended_and_expired_sessions_are_forgotten_and_live_ones_stay(settings):
    user = SeekerFactory()
    live = signed_in(user)
    gone = signed_in(user, user_agent=SAFARI_IPHONE)
    expired = signed_in(SeekerFactory())
    gone.post(reverse("account_logout"))  # its session row is deleted, its record stays
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    KnownDevice.objects.filter(user=user, label="Safari on iOS").update(
        last_seen=timezone.now() - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS + 1)
    )

    assert forget_ended_sessions(batch_size=1) == {"sessions": 1, "records": 2, "devices": 1}
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        live.session.session_key
    ]
    assert list(user.known_devices.values_list("label", flat=True)) == ["Firefox on Linux"]
    assert is_signed_in(live)
    assert forget_ended_sessions() == {"sessions": 0, "records": 0, "devices": 0}  # twice: no harm


def test_the_command_says_what_it_deleted():
    signed_in(SeekerFactory()).post(reverse("account_logout"))
    from io import StringIO

    out = StringIO()
    call_command("forget_ended_sessions", stdout=out)
    assert out.getvalue().strip() == (
        "0 expired sessions, 1 session records, 0 unused devices deleted."
    )
