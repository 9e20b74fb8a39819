"""The Celery app. Workers: `celery -A site_config worker`; beat: `celery -A site_config beat`.

Configured from Django settings (the CELERY_* names). Without CELERY_BROKER_URL,
tasks run in-process (task_always_eager), so nothing else needs to run locally.
"""

import os

from celery import Celery

# DJANGO_ENV is not defaulted here: this module is imported with the settings
# everywhere (tests included). Workers get DJANGO_ENV=production from the
# Procfile or the Docker image, like any production management command.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")

app = Celery("nexus_jobs")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The board app's tasks live in its domain packages (board/<domain>/tasks.py).
app.autodiscover_tasks(
    [
        "board.notifications",
        "board.jobs",
        "board.alerts",
        "board.moderation",
        "board.applications",
        "board.privacy",
        "board.accounts",
        # Beat's listing-stats entry (board/analytics/tasks.py): without it, every worker
        # rejected the task as unregistered.
        "board.analytics",
    ]
)
# Scanning what was accepted into quarantine while the virus scanner was down (issue 17).
app.autodiscover_tasks(["board.quarantine"])
# Pay distributions for the search's chart and job pages (issue 19).
app.autodiscover_tasks(["board.payinsight"])
# Uploads a crash left without their row (issue 18).
app.autodiscover_tasks(["board.core"])
# The open jobs' words, which misspelt searches are corrected against (issue 15).
app.autodiscover_tasks(["board.search"])
