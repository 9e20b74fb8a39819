from celery import shared_task


@shared_task
def sweep_orphan_files():
    """Daily: delete uploads a crash left without their row (board/core/stored_files.py)."""
    from board.core.stored_files import sweep_orphans

    return sweep_orphans()
