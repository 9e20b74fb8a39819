from celery import shared_task


@shared_task
def flush_listing_stats():
    """Every few minutes: counted views into JobDailyStats (board/analytics/counters.py)."""
    from board.analytics.counters import flush_counts

    return flush_counts()
