"""Job alerts: saved searches sent as e-mail digests (see models.JobAlert)."""

import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from board.alerts.models import JobAlert
from board.jobs.models import Job
from board.listings.search import JobSearch, SearchForm
from board.notifications.outbox import email, later, site_link

logger = logging.getLogger(__name__)

DIGEST_SIZE = 30
UNSUBSCRIBE_SALT = "nexus.alert-unsubscribe"
# What an alert remembers of a search: its filters, not how a page was sorted.
NOT_SAVED = {"page", "sort"}


def normalise_query(data):
    """The canonical query string of a search, validated by the search form itself."""
    form = SearchForm(data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_text())
    query = QueryDict(mutable=True)
    for name in sorted(set(form.fields) - NOT_SAVED):
        values = [value.strip() for value in data.getlist(name) if value.strip()]
        if values:
            query.setlist(name, sorted(values))
    return query.urlencode()


def describe(alert):
    """A short human name for the search, e.g. '“python” · Remote'."""
    search = JobSearch(QueryDict(alert.query), queryset=Job.objects.none())
    labels = [label for label, _ in search.active_filters()]
    return " · ".join(str(label) for label in labels) or _("All new jobs")


def matching_jobs(alert, after, until):
    jobs = Job.objects.visible().with_card_data()
    return (
        JobSearch(QueryDict(alert.query), queryset=jobs)
        .qs.filter(published_at__gt=after, published_at__lte=until)
        .order_by("-published_at", "-id")
    )


def send_digest(alert_id, cutoff):
    """E-mail the jobs published between the alert's high-water mark and `cutoff`.

    Returns how many jobs were sent. Runs under a row lock and moves the mark
    only after the e-mail has gone: a failed send leaves it for the next run,
    and running twice sends nothing the second time.
    """
    with transaction.atomic():
        alert = (
            JobAlert.objects.select_for_update()
            .select_related("user")
            .filter(pk=alert_id, is_active=True)
            .first()
        )
        if alert is None or alert.high_water >= cutoff:
            return 0
        jobs = list(matching_jobs(alert, alert.high_water, cutoff)[: DIGEST_SIZE + 1])
        if jobs:
            mailers.default.send_messages([digest_email(alert, jobs)])
            alert.last_sent_at = timezone.now()
        alert.high_water = cutoff
        alert.save(update_fields=["high_water", "last_sent_at"])
    logger.info("alert %s: %s jobs", alert_id, len(jobs))
    return len(jobs)


def digest_email(alert, jobs):
    more = len(jobs) > DIGEST_SIZE
    jobs = jobs[:DIGEST_SIZE]
    # Built when email() renders the message: in the subscriber's language, the
    # filters' names and the links (/fr/…) too.
    # One token for the header and the body: a signed token holds the second it was
    # made, so two built apart could differ (and one of them would not be the link).
    unsubscribe = site_link("alert_unsubscribe", unsubscribe_token(alert))
    name = later(describe, alert)
    count = len(jobs)
    shown = f"{count}{'+' if more else ''}"
    return email(
        "job_alert",
        to=alert.user,
        subject=later(
            lambda: (
                ngettext("%(count)s new job for %(name)s", "%(count)s new jobs for %(name)s", count)
                % {"count": shown, "name": name}
            )
        ),
        context={
            "alert": alert,
            "name": name,
            "jobs": jobs,
            "more": more,
            "search_url": site_link(alert.get_search_url),
            "manage_url": site_link("job_alerts"),
            "unsubscribe_url": unsubscribe,
        },
        # RFC 8058: mail clients show an unsubscribe button that POSTs here.
        headers={
            "List-Unsubscribe": format_lazy("<{}>", unsubscribe),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def unsubscribe_token(alert):
    return signing.dumps(alert.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_path(alert):
    return reverse("alert_unsubscribe", args=[unsubscribe_token(alert)])


def alert_from_token(token):
    """The alert a signed unsubscribe token names, or None if forged or gone."""
    try:
        alert_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return JobAlert.objects.filter(pk=alert_id).first()
