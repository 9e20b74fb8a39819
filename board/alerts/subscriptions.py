"""Subscribing to a search and unsubscribing: the alert workflows.

The interfaces (board/web/alerts.py) call these and only translate input and
output; a refusal is an AlertRefusal whose message is the one the user reads.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from board.alerts.digests import normalise_query
from board.alerts.models import JobAlert

logger = logging.getLogger(__name__)

# Marked here, translated when raised (the page's language).
INVALID_SEARCH = gettext_noop("That search has invalid filters; fix them and try again.")
ALREADY_SUBSCRIBED = gettext_noop("You already have an alert for this search.")


class AlertRefusal(Exception):
    """An alert that cannot be created; str() says why."""


class AlreadySubscribed(AlertRefusal):
    """The same search is already an alert of this user (nothing to do)."""

    def __init__(self, query):
        super().__init__(gettext(ALREADY_SUBSCRIBED))
        self.query = query  # the normalised search, to show it again


def create_alert(user, search, frequency=None):
    """Save `search` (a QueryDict of /jobs/ filters) as an alert of `user`.

    The search is validated and normalised by the search form itself, so the
    same filters in another order are the same alert. It covers jobs published
    from now on; without a known frequency, daily.
    """
    if frequency not in JobAlert.Frequency.values:
        frequency = JobAlert.Frequency.DAILY
    try:
        query = normalise_query(search)
    except ValidationError:
        raise AlertRefusal(gettext(INVALID_SEARCH)) from None
    try:
        with transaction.atomic():
            alert = JobAlert.objects.create(
                user=user, query=query, frequency=frequency, high_water=timezone.now()
            )
    except IntegrityError:
        raise AlreadySubscribed(query) from None
    logger.info("alert %s created by user %s", alert.pk, user.pk)
    return alert


def unsubscribe(alert):
    """Stop the alert's e-mails (the unsubscribe link, one-click or not). It stays
    in the user's list, paused, to resume or delete there."""
    if alert.is_active:
        alert.is_active = False
        alert.save(update_fields=["is_active"])
        logger.info("alert %s unsubscribed", alert.pk)
