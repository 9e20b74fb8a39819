import logging

from celery import shared_task

from board.notifications.tasks import RETRY_DELAYS

logger = logging.getLogger(__name__)


@shared_task
def send_job_alerts(frequency):
    """Queue one digest task per active alert of this frequency, all with one cutoff."""
    from django.utils import timezone

    from board.alerts.models import JobAlert

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

    from board.alerts.digests import send_digest

    try:
        return send_digest(alert_id, datetime.fromisoformat(cutoff))
    except OSError as exc:
        if self.request.is_eager:
            # The mark did not move: the next scheduled run sends these jobs.
            logger.warning("alert %s digest failed: %s", alert_id, type(exc).__name__)
            return 0
        raise self.retry(exc=exc, countdown=RETRY_DELAYS[self.request.retries]) from exc
