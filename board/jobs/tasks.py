from celery import shared_task


@shared_task
def expire_overdue_jobs():
    from board.jobs.maintenance import expire_jobs

    return expire_jobs()


@shared_task
def send_expiry_reminders():
    from board.jobs.maintenance import remind_expiring_jobs

    return remind_expiring_jobs()


@shared_task
def refresh_exchange_rates():
    """Daily: rates from EXCHANGE_RATES_URL; a bad or unreachable source keeps the old ones."""
    from board.jobs.salaries import refresh_rates

    return refresh_rates()


@shared_task(acks_late=True)
def convert_salaries(currency):
    """Recompute the euro figure of a currency's jobs after its rate changed."""
    from board.jobs.salaries import convert_salaries

    return convert_salaries(currency)
