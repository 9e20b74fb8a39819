from django.apps import AppConfig
from django.db.backends.signals import connection_created


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = "Job board"

    def ready(self):
        from board import emails  # noqa: F401 -- registers the e-mail builders
        from board.search import register_search_text

        # SQLite's full-text index is filled by triggers calling a Python function.
        connection_created.connect(register_search_text)
