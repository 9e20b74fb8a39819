from django.apps import AppConfig
from django.db.backends.signals import connection_created


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = "Job board"

    def ready(self):
        # Each domain's e-mails register their builders with the outbox when imported.
        from board.accounts import adapter  # noqa: F401
        from board.applications import emails as application_emails  # noqa: F401
        from board.applications import (
            message_emails,  # noqa: F401
            stale_emails,  # noqa: F401
        )
        from board.companies import emails as team_emails  # noqa: F401
        from board.core import storage_checks  # noqa: F401  (system checks register on import)
        from board.jobs import emails as job_emails  # noqa: F401
        from board.jobs import reminder_emails  # noqa: F401
        from board.moderation import emails as moderation_emails  # noqa: F401
        from board.moderation import review_emails  # noqa: F401
        from board.ops import (
            task_signals,  # noqa: F401  (request ids and failures of tasks)
            worker_metrics,  # noqa: F401  (a worker's own metrics port)
        )
        from board.privacy import emails as privacy_emails  # noqa: F401
        from board.quarantine import emails as quarantine_emails  # noqa: F401
        from board.scanning import checks  # noqa: F401  (system checks register on import)
        from board.search.engine import register_search_text

        # SQLite's full-text index is filled by triggers calling a Python function.
        connection_created.connect(register_search_text)
