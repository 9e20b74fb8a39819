"""What keeping sessions' activity costs a page: nothing between writes.

allauth's own UserSessionsMiddleware (USERSESSIONS_TRACK_ACTIVITY = True) reads and
writes the session's row on every signed-in request; ours writes at most every
ACTIVITY_INTERVAL, so the home page and a job page cost the same queries as without
session tracking at all.
"""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.tests.accounts.signing_in import SAFARI_IPHONE, signed_in
from board.tests.factories import JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

OURS = "board.accounts.middleware.SessionActivityMiddleware"
ALLAUTHS = "allauth.usersessions.middleware.UserSessionsMiddleware"


@pytest.fixture
def pages():
    return [reverse("home"), JobFactory().get_absolute_url()]


def _queries(client, path):
    client.get(path)  # warm the per-process caches (categories, card fragments)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _middleware(settings, tracker):
    others = [each for each in settings.MIDDLEWARE if each != OURS]
    settings.MIDDLEWARE = others + ([tracker] if tracker else [])


@pytest.mark.parametrize("page", [0, 1], ids=["home", "job-page"])
def test_tracking_costs_no_query_between_writes(settings, pages, page):
    user = SeekerFactory()
    _middleware(settings, None)
    untracked = _queries(signed_in(user), pages[page])
    _middleware(settings, OURS)
    tracked = _queries(signed_in(user), pages[page])
    settings.USERSESSIONS_TRACK_ACTIVITY = True
    _middleware(settings, ALLAUTHS)
    allauths = _queries(signed_in(user), pages[page])
    print(f"{pages[page]}: untracked {untracked}, ours {tracked}, allauth's {allauths}")
    assert tracked == untracked
    assert allauths > untracked  # what we avoid: a read and a write on every page


def test_the_row_is_written_again_once_the_interval_has_passed():
    user = SeekerFactory()
    client = signed_in(user)
    row = UserSession.objects.get(user=user)
    client.get(reverse("home"))
    assert UserSession.objects.get(pk=row.pk).last_seen_at == row.last_seen_at
    cache.clear()  # what ACTIVITY_INTERVAL seconds do to the "written recently" entry
    client.get(reverse("home"), HTTP_USER_AGENT=SAFARI_IPHONE, REMOTE_ADDR="198.51.100.9")
    row.refresh_from_db()
    assert row.last_seen_at > row.created_at
    assert (row.ip, row.user_agent) == ("198.51.100.9", SAFARI_IPHONE)


def test_the_session_expiry_is_not_pushed_back():
    # The "written recently" mark is in the cache: the session is not saved again.
    client = signed_in(SeekerFactory())
    session = Session.objects.get(session_key=client.session.session_key)
    cache.clear()
    client.get(reverse("home"))
    assert Session.objects.get(pk=session.pk).expire_date == session.expire_date


def test_a_response_that_never_read_the_session_does_not_vary_on_cookies():
    client = signed_in(SeekerFactory())
    cache.clear()  # a write is due
    response = client.get("/healthz")
    assert "Cookie" not in response.get("Vary", "")
