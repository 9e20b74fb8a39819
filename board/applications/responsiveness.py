"""The public response badge: "Usually responds within 3 days", "Responds to 90 % of
applicants", worked out from the pipeline's own timeline and stored on the company.

What counts, over the applications a company received in the last
RESPONSE_BADGE_WINDOW_DAYS days (90):

* an employer's **response** is the application's first status change made by
  someone other than the applicant and not by the system: an ApplicationEvent
  whose actor is set and is not the applicant. Moving to "reviewing" is a
  response, and so is "not selected". The applicant withdrawing is not; neither
  is an event without an actor (a system action, or an account since deleted);
* an application the applicant **withdrew before any response** is left out: the
  company had no chance to answer it. One withdrawn after a response counts as
  answered;
* the **time to respond** of an unanswered application is infinite, and the badge
  gives the median rounded up to whole days, taking the upper of the two middle
  values: "usually" then means that more than half of the applications were
  answered that fast. With fewer than half answered there is no such claim.

A badge is stored only when it is true and there is enough data: at least
RESPONSE_BADGE_MIN_APPLICATIONS (10) counted applications; the days only up to
RESPONSE_BADGE_MAX_DAYS (30), the rate (rounded down, never flattering) only from
RESPONSE_BADGE_MIN_RATE (50 %). Otherwise the fields are null and nothing is shown.

Computed by a daily task (refresh_response_badges) for every company at once, in
one query over the window's applications: pages and job cards only read the two
stored numbers from the company's row, never the pipeline.
"""

import logging
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from board.applications.models import Application
from board.companies.models import Company
from board.core.listing_version import bump_jobs_version

logger = logging.getLogger(__name__)

DAY = 86400  # seconds


@dataclass
class Responsiveness:
    """One company's figures over the window."""

    counted: int = 0  # applications that count (not withdrawn before a response)
    waits: list = None  # seconds to the first response; math.inf when unanswered

    def __post_init__(self):
        self.waits = self.waits or []

    @property
    def answered(self):
        return sum(1 for wait in self.waits if wait != math.inf)

    def median_days(self):
        """Whole days (rounded up, at least 1) within which more than half were
        answered; None if not more than half were."""
        if not self.waits:
            return None
        middle = sorted(self.waits)[len(self.waits) // 2]
        return None if middle == math.inf else max(1, math.ceil(middle / DAY))

    def rate(self):
        """The percentage answered, rounded down."""
        return self.answered * 100 // self.counted if self.counted else None

    def badge(self):
        """(days, rate) to store: each None unless it is true, good enough and
        based on enough applications."""
        if self.counted < settings.RESPONSE_BADGE_MIN_APPLICATIONS:
            return None, None
        days, rate = self.median_days(), self.rate()
        if days is not None and days > settings.RESPONSE_BADGE_MAX_DAYS:
            days = None
        if rate is not None and rate < settings.RESPONSE_BADGE_MIN_RATE:
            rate = None
        return days, rate


def first_responses(since):
    """(company id, applied at, first response at or None, status) of every
    application received since `since`, in one query."""
    by_employer = Q(events__actor__isnull=False) & ~Q(events__actor_id=F("applicant_id"))
    applications = Application.objects.filter(created__gte=since).order_by()
    applications = applications.annotate(first_response=Min("events__created", filter=by_employer))
    return applications.values_list("job__company_id", "created", "first_response", "status")


def measure(since):
    """{company id: Responsiveness} for the applications received since `since`."""
    companies = {}
    for company_id, applied, responded, status in first_responses(since).iterator():
        if responded is None and status == Application.Status.WITHDRAWN:
            continue  # withdrawn before anyone could answer
        figures = companies.setdefault(company_id, Responsiveness())
        figures.counted += 1
        figures.waits.append(
            math.inf if responded is None else (responded - applied).total_seconds()
        )
    return companies


def refresh_response_badges(now=None):
    """Work out every company's badge and store the ones that changed; returns
    how many companies changed. Job cards show the badge, so a change makes the
    cached listings stale (once, after the commit)."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.RESPONSE_BADGE_WINDOW_DAYS)
    badges = {pk: figures.badge() for pk, figures in measure(since).items()}
    stored = Company.objects.filter(
        Q(pk__in=badges) | Q(response_days__isnull=False) | Q(response_rate__isnull=False)
    ).values_list("pk", "response_days", "response_rate")
    changed = 0
    with transaction.atomic():
        for pk, days, rate in stored:
            badge = badges.get(pk, (None, None))
            if (days, rate) != badge:
                Company.objects.filter(pk=pk).update(
                    response_days=badge[0], response_rate=badge[1], response_computed=now
                )
                changed += 1
        if changed:
            transaction.on_commit(bump_jobs_version, robust=True)
    logger.info("response badges: %s companies measured, %s changed", len(badges), changed)
    return changed
