from celery import shared_task


@shared_task
def refresh_search_words():
    """Hourly: the words of the open jobs, to correct misspelt searches against."""
    from board.search.vocabulary import refresh

    return refresh()
