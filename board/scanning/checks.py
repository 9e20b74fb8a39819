"""System checks of the virus scanner's settings (registered in board/apps.py)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from board.scanning.clamd import parse_address


@register(Tags.security, deploy=True)
def scanner_configured(app_configs, **kwargs):
    """`check --deploy`: uploads would be stored unscanned without CLAMD_ADDRESS."""
    if settings.CLAMD_ADDRESS:
        return []
    return [
        Warning(
            "CLAMD_ADDRESS is not set: résumés and logos are stored without a virus scan.",
            hint="Run clamd (Debian: clamav-daemon, with freshclam) and set CLAMD_ADDRESS, "
            "e.g. unix:///run/clamav/clamd.ctl or tcp://127.0.0.1:3310.",
            id="board.W001",
        )
    ]


@register()
def scanner_address_valid(app_configs, **kwargs):
    if not settings.CLAMD_ADDRESS:
        return []
    try:
        parse_address(settings.CLAMD_ADDRESS)
    except ValueError as exc:
        return [Error(str(exc), id="board.E001")]
    return []
