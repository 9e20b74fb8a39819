from celery import shared_task


@shared_task
def refresh_pay_distributions():
    """Hourly: the pay distributions of open jobs (board/payinsight/distributions.py)."""
    from board.payinsight.distributions import refresh

    stored, _seconds = refresh()
    return stored
