"""The Celery app a worker runs: every task beat sends is one the worker knows.

A worker registers the tasks of the packages site_config/celery.py autodiscovers; a beat
entry naming a task outside them is rejected by every worker ("unregistered task").
"""

import pytest
from django.conf import settings

from site_config.celery import app


@pytest.mark.django_db  # the worker's start runs Django's system checks, which ask the database
def test_every_beat_entry_names_a_task_the_worker_registers():
    app.loader.import_default_modules()  # what `celery worker` does at start
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - set(app.tasks) == set()
