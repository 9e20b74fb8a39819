"""Production settings, loaded for real in a fresh interpreter per case.

pytest's own process runs the local settings, so these tests start Python with
production environment variables and look at what it does.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_config.settings import mailers_from_url

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-test-secret-key-that-is-long-enough-for-django-checks-0123456789"

PROBE = """
import json, tempfile, django
django.setup()
from django.conf import settings
from django.core.management import call_command
# As a deploy does: hashed static files first (the manifest storage needs them).
settings.STATIC_ROOT = tempfile.mkdtemp()
call_command("collectstatic", interactive=False, verbosity=0)
call_command("migrate", verbosity=0)
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
page = client.get("/", secure=True)
plain = client.get("/jobs/")
health = client.get("/healthz")
missing = client.get("/no-such-page/", secure=True)
print(json.dumps({
    "debug": settings.DEBUG,
    "page_status": page.status_code,
    "page_headers": dict(page.headers),
    "csrf_cookie": {k: page.cookies["csrftoken"][k] for k in ("secure", "samesite")},
    "csrf_token_in_page": "X-CSRFToken" in page.content.decode(),
    "nonce_in_page": 'nonce="' in page.content.decode(),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "health_status": health.status_code,
    "missing_status": missing.status_code,
    "missing_headers": dict(missing.headers),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
}))
"""


def _run(code, **env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SECRET_KEY", "DEBUG"))
    }
    full_env.update(DJANGO_SETTINGS_MODULE="site_config.settings", **env)
    return subprocess.run(  # noqa: S603 -- our own interpreter running our own probe
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run("import django; django.setup()", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_wsgi_entry_point_is_production_by_default():
    # What gunicorn loads: no DJANGO_ENV given, no key → it must refuse.
    result = _run("import site_config.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_wsgi_entry_point_loads_the_views_before_any_request():
    # gunicorn forks its workers from a master that imported this module (preload_app).
    result = _run(
        "import sys, site_config.wsgi; print('board.graphql.schema' in sys.modules)",
        DJANGO_ENV="production",
        SECRET_KEY="wsgi-test-only-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]


def test_local_default_runs_without_any_variable():
    result = _run(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], "
        "settings.CACHES['default']['BACKEND'], settings.MAILERS['default']['BACKEND'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "board.notifications.console.EmailBackend",
    ]


def test_debug_is_off_in_production_unless_asked_for():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    off = _run(code, DJANGO_ENV="production", SECRET_KEY=SECRET)
    on = _run(code, DJANGO_ENV="production", SECRET_KEY=SECRET, DEBUG="true")
    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True")


def test_malformed_boolean_fails_loudly():
    result = _run("import django; django.setup()", DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_redis_url_selects_the_resilient_redis_cache():
    result = _run(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == [
        "site_config.cache.ResilientRedisCache",
        "redis://127.0.0.1:6379/3",
    ]


@pytest.fixture(scope="module")
def production():
    result = _run(
        PROBE,
        DJANGO_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_page_has_the_security_headers(production):
    headers = production["page_headers"]
    assert production["debug"] is False
    assert production["page_status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_production_csp_is_enforced_with_a_nonce(production):
    csp = production["page_headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert "unsafe" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert production["nonce_in_page"]  # htmx's script tag carries it


def test_production_cookies_are_secure(production):
    assert production["csrf_cookie"] == {"secure": True, "samesite": "Lax"}
    assert production["session_cookie_secure"] is True
    assert production["session_cookie_httponly"] is True
    assert production["csrf_token_in_page"]


def test_production_redirects_http_but_not_health_checks(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://testserver/jobs/"
    assert production["health_status"] == 200


def test_production_404_is_a_page_with_the_same_headers(production):
    assert production["missing_status"] == 404
    assert "Content-Security-Policy" in production["missing_headers"]
    assert production["missing_headers"]["X-Content-Type-Options"] == "nosniff"


class TestEmailUrl:
    def test_smtp_with_credentials_and_tls(self):
        mailer = mailers_from_url("smtp://user%40x.com:p%40ss@mail.example.com:587?tls=true")
        options = mailer["default"]["OPTIONS"]
        assert mailer["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
        assert options["host"] == "mail.example.com"
        assert options["port"] == 587
        assert (options["username"], options["password"]) == ("user@x.com", "p@ss")
        assert (options["use_tls"], options["use_ssl"]) == (True, False)

    def test_smtps_uses_ssl_on_465(self):
        options = mailers_from_url("smtps://u:p@mail.example.com")["default"]["OPTIONS"]
        assert (options["port"], options["use_ssl"]) == (465, True)

    @pytest.mark.parametrize(
        ("url", "backend"),
        [("console://", "console"), ("memory://", "locmem"), ("file:///tmp/mail", "filebased")],
    )
    def test_other_backends(self, url, backend):
        assert mailers_from_url(url)["default"]["BACKEND"].endswith(f".{backend}.EmailBackend")

    def test_file_backend_path(self):
        assert mailers_from_url("file:///var/mail/nexus")["default"]["OPTIONS"] == {
            "file_path": "/var/mail/nexus"
        }

    def test_unknown_scheme_is_refused(self):
        with pytest.raises(Exception, match="unknown scheme"):
            mailers_from_url("carrier-pigeon://coop")
