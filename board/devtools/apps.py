from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo data, bulk seeding and the benchmark: tools for developers and the
    quick start, kept apart from the code that serves the site."""

    name = "board.devtools"
    label = "devtools"
    verbose_name = "Developer tools"
