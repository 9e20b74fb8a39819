from celery import shared_task


@shared_task
def scan_quarantine():
    """Every five minutes: scan uploads held in quarantine while clamd was down."""
    from board.quarantine.sweep import run

    return run()
