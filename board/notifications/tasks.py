import logging

from celery import shared_task

from board.notifications import outbox

logger = logging.getLogger(__name__)

RETRY_DELAYS = [30, 120, 600, 1800, 3600, 3 * 3600]  # seconds, then the sweeper


@shared_task(bind=True, max_retries=len(RETRY_DELAYS), acks_late=True)
def deliver_notification(self, notification_id):
    try:
        outbox.deliver(notification_id)
    except OSError as exc:
        if self.request.is_eager:
            # In-process (no broker): retrying now would block the request.
            # The row stays pending for send_pending_notifications.
            return
        raise self.retry(exc=exc, countdown=RETRY_DELAYS[self.request.retries]) from exc


@shared_task
def send_pending_notifications():
    sent, failed = outbox.send_pending()
    if sent or failed:
        logger.info("sweeper: %s notifications sent, %s failed", sent, failed)
