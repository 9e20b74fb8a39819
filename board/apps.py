from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = "Job board"

    def ready(self):
        from board import emails  # noqa: F401 -- registers the e-mail builders
