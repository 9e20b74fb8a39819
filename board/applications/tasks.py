from celery import shared_task


@shared_task
def refresh_response_badges():
    """Daily: every company's response badge from its pipeline's last 90 days."""
    from board.applications.responsiveness import refresh_response_badges

    return refresh_response_badges()


@shared_task
def close_stale_applications():
    """Daily: remind companies a week before, then close applications nobody decided on."""
    from board.applications.stale import run

    return run()
