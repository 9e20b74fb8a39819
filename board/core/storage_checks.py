"""System checks of the object-storage settings (S3_*; registered in board/apps.py).

Credentials are not required: without S3_ACCESS_KEY_ID boto3 finds them itself
(AWS_* variables, a profile, an instance or task role), which is the better way
on AWS. What the checks catch is a configuration that works but leaks, or one
that cannot work.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# SigV4 presigned URLs live at most seven days.
MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def _options():
    return settings.STORAGES["default"].get("OPTIONS", {})


@register()
def storage_settings_valid(app_configs, **kwargs):
    errors = []
    if not 1 <= settings.S3_SIGNED_URL_SECONDS <= MAX_SIGNED_URL_SECONDS:
        errors.append(
            Error(
                "S3_SIGNED_URL_SECONDS must be between 1 and 604800 (seven days, the most "
                "an S3 signature allows).",
                id="board.E010",
            )
        )
    options = _options()
    if settings.S3_BUCKET and bool(options.get("access_key")) != bool(options.get("secret_key")):
        errors.append(
            Error(
                "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (boto3 then "
                "uses AWS_* variables or the instance's role).",
                id="board.E011",
            )
        )
    return errors


@register(Tags.security, deploy=True)
def signed_urls_safe(app_configs, **kwargs):
    """`check --deploy`: signed URLs are bearer secrets; over plain HTTP to another
    machine anyone on the way can read and reuse them (and the file)."""
    if not settings.S3_SIGNED_URLS:
        return []
    if not settings.S3_BUCKET:
        return [
            Warning(
                "S3_SIGNED_URLS is set but S3_BUCKET is not: files are on the local disk "
                "and are streamed through the site; the setting has no effect.",
                id="board.W010",
            )
        ]
    endpoint = urlsplit(_options().get("endpoint_url") or "https://s3.amazonaws.com")
    if endpoint.scheme == "http" and endpoint.hostname not in LOOPBACK:
        return [
            Warning(
                "S3_SIGNED_URLS sends browsers to signed links over plain http "
                f"({endpoint.hostname}): the link and the file can be read on the way.",
                hint="Use an https:// S3_ENDPOINT_URL, or leave S3_SIGNED_URLS off so "
                "downloads are streamed through the site.",
                id="board.W011",
            )
        ]
    return []
