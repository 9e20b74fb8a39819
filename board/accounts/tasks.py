from celery import shared_task


@shared_task
def forget_ended_sessions():
    """Daily: ended sessions and what they leave behind (board/accounts/signins.py)."""
    from board.accounts.signins import forget_ended_sessions

    return forget_ended_sessions()
