from celery import shared_task


@shared_task
def send_reports_digest():
    from board.moderation.reports import queue_reports_digest

    return bool(queue_reports_digest())


@shared_task
def send_review_digest():
    from board.moderation.review import queue_review_digest

    return bool(queue_review_digest())
