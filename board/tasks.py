"""Celery tasks. They take ids, never objects, and are safe to run twice."""

import logging

from celery import shared_task

from board import notifications

logger = logging.getLogger(__name__)

RETRY_DELAYS = [30, 120, 600, 1800, 3600, 3 * 3600]  # seconds, then the sweeper


@shared_task(bind=True, max_retries=len(RETRY_DELAYS), acks_late=True)
def deliver_notification(self, notification_id):
    try:
        notifications.deliver(notification_id)
    except OSError as exc:
        if self.request.is_eager:
            # In-process (no broker): retrying now would block the request.
            # The row stays pending for send_pending_notifications.
            return
        raise self.retry(exc=exc, countdown=RETRY_DELAYS[self.request.retries]) from exc


@shared_task
def send_pending_notifications():
    sent, failed = notifications.send_pending()
    if sent or failed:
        logger.info("sweeper: %s notifications sent, %s failed", sent, failed)


@shared_task
def send_reports_digest():
    from board.moderation import queue_reports_digest

    return bool(queue_reports_digest())


@shared_task
def expire_overdue_jobs():
    from board.maintenance import expire_jobs

    return expire_jobs()


@shared_task
def send_expiry_reminders():
    from board.maintenance import remind_expiring_jobs

    return remind_expiring_jobs()


@shared_task
def send_job_alerts(frequency):
    """Queue one digest task per active alert of this frequency, all with one cutoff."""
    from django.utils import timezone

    from board.models import JobAlert

    cutoff = timezone.now().isoformat()
    alert_ids = list(
        JobAlert.objects.active().filter(frequency=frequency).values_list("pk", flat=True)
    )
    for alert_id in alert_ids:
        send_alert_digest.delay(alert_id, cutoff)
    return len(alert_ids)


@shared_task(bind=True, max_retries=len(RETRY_DELAYS), acks_late=True)
def send_alert_digest(self, alert_id, cutoff):
    from datetime import datetime

    from board.alerts import send_digest

    try:
        return send_digest(alert_id, datetime.fromisoformat(cutoff))
    except OSError as exc:
        if self.request.is_eager:
            # The mark did not move: the next scheduled run sends these jobs.
            logger.warning("alert %s digest failed: %s", alert_id, type(exc).__name__)
            return 0
        raise self.retry(exc=exc, countdown=RETRY_DELAYS[self.request.retries]) from exc


@shared_task
def refresh_exchange_rates():
    """Daily: rates from EXCHANGE_RATES_URL; a bad or unreachable source keeps the old ones."""
    from board.currencies import refresh_rates

    return refresh_rates()


@shared_task(acks_late=True)
def convert_salaries(currency):
    """Recompute the euro figure of a currency's jobs after its rate changed."""
    from board.currencies import convert_salaries

    return convert_salaries(currency)
