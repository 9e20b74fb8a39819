"""Periodic work on jobs: expiry and expiry reminders (Celery beat or cron)."""

import logging
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse

from board.jobs.models import InvalidTransition, Job
from board.jobs.workflow import expire_job
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(days=3)
RENEW_SALT = "nexus.renew"
RENEW_LINK_MAX_AGE = 14 * 24 * 3600


def expire_jobs():
    """Mark published jobs past their expiry as expired; returns how many."""
    expired = 0
    for job in Job.objects.overdue().select_related("company", "category"):
        try:
            expire_job(job)
            expired += 1
        except InvalidTransition:
            continue  # changed meanwhile (renewed or closed): nothing to do
    logger.info("expired %s jobs", expired)
    return expired


def remind_expiring_jobs():
    """One reminder per job per listing period, a few days before it expires."""
    reminded = 0
    for job in Job.objects.expiring_soon(REMIND_BEFORE).only("pk", "expires_at"):
        with transaction.atomic():
            # Claim the reminder first, so two runs never both send it.
            claimed = (
                Job.objects.filter(pk=job.pk, expires_at=job.expires_at)
                .exclude(expiry_reminder_for=job.expires_at)
                .update(expiry_reminder_for=job.expires_at)
            )
            if claimed:
                notify(Notification.Kind.EXPIRY_REMINDER, job.pk)
                reminded += 1
    logger.info("sent %s expiry reminders", reminded)
    return reminded


def renew_path(job):
    """A one-click renew link, valid for this listing period only."""
    token = signing.dumps([job.pk, job.expires_at.isoformat()], salt=RENEW_SALT)
    return reverse("renew_job_by_link", args=[token])


def job_from_renew_token(token):
    """The job a renew token names, if it is genuine, recent and for the current period."""
    try:
        job_id, expires_at = signing.loads(token, salt=RENEW_SALT, max_age=RENEW_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    if job is None or job.expires_at is None or job.expires_at.isoformat() != expires_at:
        return None
    return job
