"""
Settings for Nexus Jobs: one file, driven by environment variables.

The rule that tells local from production is `DJANGO_ENV`:

* `manage.py` (runserver, demo, tests, management commands) defaults it to
  "local": DEBUG on, an insecure development key, SQLite, console e-mail.
* `wsgi.py` (gunicorn) defaults it to "production": DEBUG off unless the DEBUG
  variable says otherwise, and no start without SECRET_KEY.

Every variable is listed in docs/operations.md (Configuration).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "local")
if DJANGO_ENV not in ("local", "production"):
    raise ImproperlyConfigured("DJANGO_ENV must be 'local' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = envbool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DJANGO_ENV=production, the default "
            "under gunicorn) refuses to start without it: generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"  # noqa: S105
# Old keys, comma-separated, still accepted while sessions and signed links made with them
# expire: rotate by moving SECRET_KEY here and setting a new one.
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "board",
    "board.devtools",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # two-factor sign-in: TOTP, passkeys, recovery codes (board/accounts/mfa.py)
    # Each signed-in session with its IP address, browser and last activity: the
    # "Sessions and devices" page (board/accounts/signins.py).
    "allauth.usersessions",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "strawberry_django",
    "corsheaders",
]

MIDDLEWARE = [
    # First: each request's id, its log line and its metrics, timed around everything
    # else (board/ops/middleware.py). /healthz, /readyz and /metrics pass straight through.
    "board.ops.middleware.RequestObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its URL prefix (/fr/, /ar/; none is English).
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before CommonMiddleware, as its docs say
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the session and allauth's: staff need a second factor for the admin.
    "board.accounts.mfa.StaffSecondFactorMiddleware",
    # Keeps each session's last activity, at most one write every few minutes
    # (instead of allauth's USERSESSIONS_TRACK_ACTIVITY: a write on every request).
    "board.accounts.middleware.SessionActivityMiddleware",
    # After authentication: an unprefixed page sends a visitor who prefers French or Arabic
    # (account, cookie, then browser) to that language's address.
    "board.core.languages.PreferredLanguageMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "board.listings.cards.context_processor",  # `cards`: what job cards share
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL names another server (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: a search's statement plans a branch it may never run (board/search/engine.py
    # ranked_slice), whose estimated cost alone made PostgreSQL spend ~50 ms compiling the
    # statement, more than running it. Short OLTP queries never gain from JIT.
    # work_mem: a search's bitmap of GIN matches ("data:*" covers every job with a word
    # starting "data") went lossy at the default 4 MB at a million jobs, so PostgreSQL
    # re-tested each row of those pages against its whole document: 4x slower.
    # No parallel workers: a page is "the newest 20 that match", a walk down an index that
    # stops early; planned in parallel, each worker must find a first match before any row
    # comes back (a 25 km radius around London: 375 ms in parallel, 33 ms serial, at a
    # million jobs). Under web load the cores are busy with other requests anyway.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c work_mem=16MB -c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read replica (board/core/replica/): with DATABASE_REPLICA_URL set, public pages, feeds,
# sitemaps and anonymous API reads read from it; writes, transactions, tasks, commands and
# migrations use the primary, and so does a user for REPLICA_STICKY_SECONDS after a request
# of theirs wrote. A replica that is down, or more than REPLICA_MAX_LAG_SECONDS behind, is
# skipped. Keep STICKY >= MAX_LAG + 2 (the lag is measured every 2 s): whatever a user wrote
# before their sticky time ran out is then on any replica still in use.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
REPLICA_STICKY_SECONDS = int(os.environ.get("REPLICA_STICKY_SECONDS", "10"))
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),  # the same planner settings
            # A replica that does not answer is skipped after this many seconds (libpq: >= 2).
            "connect_timeout": int(os.environ.get("REPLICA_CONNECT_TIMEOUT", "2")),
        }
    # Tests use the primary's test database under both names.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["board.core.replica.routing.ReplicaRouter"]
    # Last, around the view alone (see the module).
    MIDDLEWARE.append("board.core.replica.middleware.ReplicaReadsMiddleware")

# Cache: Redis when REDIS_URL is set, so every gunicorn process shares it
# (allauth's rate limits, cached listings: board/listings/caching.py); a per-process
# memory cache otherwise. If Redis goes away, pages still render, uncached
# (site_config/cache.py); short timeouts keep a dead server from stalling them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "site_config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nexus",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rendered HTML fragments (job cards, the search form's filters) under keys derived
# from what they show (board/listings/cards.py, board/listings/search.py): they never
# go stale, so each process keeps its own, even when REDIS_URL is set.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Sessions live in the database: they survive a cache flush and work across processes.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "board.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, and it must be verified before the
# account is used. Enumeration prevention and rate limits are allauth defaults,
# named here so nobody turns them off by accident.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "board.accounts.forms.SignupForm"
# allauth's e-mails go through the notification outbox (sent after the request, retried).
ACCOUNT_ADAPTER = "board.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# Our name starts every subject, allauth's and ours (board/notifications/outbox.py email()).
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX = "[Nexus Jobs] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Security e-mails: a changed or reset password, a changed e-mail address (to the old
# one too), two-factor changes; templates/account/email/base_notification.txt. The
# "new device" mail is ours (board/accounts/devices.py).
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP), passkeys (WebAuthn) and
# recovery codes, offered to everyone. allauth has no "required" switch: staff need a second
# factor for the admin (board/accounts/mfa.py), and the API's token endpoint asks for `otp`.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A passkey alone signs in (it is something you have plus the device's PIN or fingerprint).
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Nexus Jobs"
# Authenticator-app secrets and recovery-code seeds are stored encrypted (keyed on SECRET_KEY).
MFA_ADAPTER = "board.accounts.mfa_adapter.MFAAdapter"
# Stays off: it would skip WebAuthn's origin check everywhere. It is not needed for
# development or the browser tests, which use http://localhost (a secure context for browsers
# and for fido2); production is served over HTTPS.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
# The admin refuses staff without a second factor in the session. Not an environment
# variable on purpose: production cannot turn it off. Tests of other features switch it off
# (board/tests/conftest.py); board/tests/accounts/test_mfa_admin.py switches it on.
STAFF_REQUIRE_MFA = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Languages (issue 19, docs/i18n.md): English at unprefixed URLs, French and Arabic under
# /fr/ and /ar/ (site_config/urls.py). A page's language is its URL's, so every cached page
# and fragment is cached per URL; the browser's Accept-Language, the language cookie and the
# account's choice decide only where an unprefixed address sends a visitor
# (board/core/languages.py). Translations: board/locale, compiled .mo files committed.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "board" / "locale"]
USE_I18N = True
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_TZ = True

# Static files: our own copies of Bootstrap and htmx, served by WhiteNoise with
# hashed names so browsers may cache them forever.
STATIC_URL = "static/"
# Where collectstatic gathers them (the Dockerfile and gunicorn serve from here).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Locally (runserver, tests, the demo) WhiteNoise serves straight from the
# source folders, so nothing needs collectstatic first.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploaded files (résumés, logos) are private: no URL serves MEDIA_ROOT.
# Logos are shown through a view; résumés only through a permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# With S3_BUCKET set they go to an S3-compatible object store instead (AWS S3, MinIO,
# Cloudflare R2, SeaweedFS...), so every web node sees every upload. Still private:
# no public ACL, and downloads are streamed through the same permission-checked views;
# S3_SIGNED_URLS=true lets those views redirect to a short-lived signed URL instead.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
S3_SIGNED_URLS = envbool("S3_SIGNED_URLS", False)
S3_SIGNED_URL_SECONDS = int(os.environ.get("S3_SIGNED_URL_SECONDS", "60"))
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty means AWS itself; any other S3-compatible store gives its URL.
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # None: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an instance role.
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": None,  # the bucket's own (private) policy, never public-read
            "querystring_auth": True,
            "querystring_expire": S3_SIGNED_URL_SECONDS,
            "file_overwrite": False,  # same rule as the local disk: never replace a file
            "signature_version": "s3v4",
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Uploads larger than this go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 6_291_456


def mailers_from_url(url):
    """Turn EMAIL_URL into Django 6.1's MAILERS setting.

    smtp://user:pass@host:587?tls=true   smtps://user:pass@host:465
    console://   file:///var/mail/nexus   memory://
    """
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    backends = "django.core.mail.backends."
    if parts.scheme in ("smtp", "smtps"):
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": query.get("tls", "").lower() in ("1", "true", "yes"),
            "timeout": int(query.get("timeout", "10")),
        }
        return {"default": {"BACKEND": backends + "smtp.EmailBackend", "OPTIONS": options}}
    if parts.scheme == "console":
        # Ours prints the text as written, so links in it can be clicked (see the module).
        return {"default": {"BACKEND": "board.notifications.console.EmailBackend"}}
    if parts.scheme == "file":
        return {
            "default": {
                "BACKEND": backends + "filebased.EmailBackend",
                "OPTIONS": {"file_path": unquote(parts.path)},
            }
        }
    if parts.scheme == "memory":
        return {"default": {"BACKEND": backends + "locmem.EmailBackend"}}
    raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme {parts.scheme!r}")


# Locally mail is printed to the console; production defaults to a local MTA.
MAILERS = mailers_from_url(
    os.environ.get("EMAIL_URL", "smtp://localhost:25" if PRODUCTION else "console://")
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nexus Jobs <jobs@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The public API (/api/v1/): the same querysets and permission rules as the
# site. JWT for API clients, the session for the site's own pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # simplejwt's, refusing tokens revoked by a new password or "sign out everywhere".
        "board.api.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Counted in the shared cache (Redis in production), so all processes agree.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/minute"),
        "user": os.environ.get("API_USER_RATE", "300/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Browser front ends on other origins (a React app, a mobile web view) may call the APIs:
# only the origins listed, only /api/ and /graphql/, and without cookies (they send a
# bearer token), so the session never acts for another site. Empty: no CORS headers at all.
CORS_ALLOWED_ORIGINS = envlist("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api|graphql)/"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# A list counts its items exactly up to this many; beyond, it says "at least this many"
# (count_exact: false), so a broad search never pays for counting every match.
API_COUNT_CAP = int(os.environ.get("API_COUNT_CAP", "10000"))
# The same for result pages (board/listings/paging.py): "1,000+ jobs", pages up to this
# many results. A keyword search ranks its newest SEARCH_RANKED_CANDIDATES matches (all of
# them when there are no more) and lists older ones after them, newest first.
SEARCH_COUNT_CAP = int(os.environ.get("SEARCH_COUNT_CAP", "1000"))
SEARCH_RANKED_CANDIDATES = int(os.environ.get("SEARCH_RANKED_CANDIDATES", "100"))
# The public response badge (board/applications/responsiveness.py): over the applications
# of the last WINDOW days, shown only from MIN_APPLICATIONS of them; "within N days" only up
# to MAX_DAYS, "responds to NN %" only from MIN_RATE.
RESPONSE_BADGE_WINDOW_DAYS = int(os.environ.get("RESPONSE_BADGE_WINDOW_DAYS", "90"))
RESPONSE_BADGE_MIN_APPLICATIONS = int(os.environ.get("RESPONSE_BADGE_MIN_APPLICATIONS", "10"))
RESPONSE_BADGE_MAX_DAYS = int(os.environ.get("RESPONSE_BADGE_MAX_DAYS", "30"))
RESPONSE_BADGE_MIN_RATE = int(os.environ.get("RESPONSE_BADGE_MIN_RATE", "50"))
# How long a signed résumé link from the API works (seconds).
RESUME_LINK_MAX_AGE = int(os.environ.get("RESUME_LINK_MAX_AGE", "300"))
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nexus Jobs API",
    "DESCRIPTION": "Jobs, companies and categories; applications, saved jobs and the "
    "applicant pipeline for signed-in users. Same rules as the site.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "board.jobs.models.Job.Status",
        "ApplicationStatusEnum": "board.applications.models.Application.Status",
    },
}

# Celery: a broker (amqp:// for RabbitMQ, redis://) moves tasks to workers.
# Without one, tasks run in-process right after the transaction commits.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_ACKS_LATE = True  # a task lost with its worker is redelivered
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None  # nothing reads task results
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing from a web request must not hang on a dead broker: give up fast
# (the notification outbox keeps the row, and the sweeper sends it later).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "UTC"
# Workers log through LOGGING below (JSON in production, with the request id that enqueued
# each task: board/ops/task_signals.py) instead of Celery replacing the root logger's setup.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic work for `celery -A site_config beat`; each is also a management
# command (expire_jobs, send_expiry_reminders, send_job_alerts, send_reports_digest,
# send_pending_notifications, exchange_rates, refresh_search_words, …) for people who
# prefer cron.
CELERY_BEAT_SCHEDULE = {
    "expire-jobs": {"task": "board.jobs.tasks.expire_overdue_jobs", "schedule": crontab(minute=5)},
    "expiry-reminders": {
        "task": "board.jobs.tasks.send_expiry_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "daily-alerts": {
        "task": "board.alerts.tasks.send_job_alerts",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "weekly-alerts": {
        "task": "board.alerts.tasks.send_job_alerts",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ["weekly"],
    },
    "reports-digest": {
        "task": "board.moderation.tasks.send_reports_digest",
        "schedule": crontab(minute=15),
    },
    "notification-sweeper": {
        "task": "board.notifications.tasks.send_pending_notifications",
        "schedule": crontab(minute="*/5"),
    },
    # The ECB publishes its reference rates around 16:00 CET (14:00-15:00 UTC) on working days.
    "exchange-rates": {
        "task": "board.jobs.tasks.refresh_exchange_rates",
        "schedule": crontab(hour=16, minute=15),
    },
    "response-badges": {
        "task": "board.applications.tasks.refresh_response_badges",
        "schedule": crontab(hour=3, minute=40),
    },
    # The open jobs' words, that misspelt searches are corrected against (board/search/).
    "search-words": {
        "task": "board.search.tasks.refresh_search_words",
        "schedule": crontab(minute=25),
    },
    # Listing analytics: views counted in Redis, added to the database (board/analytics/).
    "listing-stats": {
        "task": "board.analytics.tasks.flush_listing_stats",
        "schedule": crontab(minute="*/5"),
    },
    # Applications nobody decided on: remind the company a week before, then close them.
    "stale-applications": {
        "task": "board.applications.tasks.close_stale_applications",
        "schedule": crontab(hour=6, minute=20),
    },
    # Jobs submitted or returned for review since the last digest, if any still wait.
    "review-digest": {
        "task": "board.moderation.tasks.send_review_digest",
        "schedule": crontab(minute=45),
    },
    # Data exports past their link's time: the ZIP and its row are deleted.
    "expired-data-exports": {
        "task": "board.privacy.tasks.delete_expired_exports",
        "schedule": crontab(minute=50),
    },
    # Uploads accepted into quarantine while clamd was down (CLAMD_UNAVAILABLE=quarantine).
    "scan-quarantine": {
        "task": "board.quarantine.tasks.scan_quarantine",
        "schedule": crontab(minute="*/5"),
    },
    # Ended sessions and their records (IP address, browser): board/accounts/signins.py.
    "forget-ended-sessions": {
        "task": "board.accounts.tasks.forget_ended_sessions",
        "schedule": crontab(hour=4, minute=10),
    },
    # Retention (board/privacy/retention.py): old résumés and letters, inactive accounts.
    "retention-documents": {
        "task": "board.privacy.tasks.remove_old_documents",
        "schedule": crontab(hour=4, minute=10),
    },
    "retention-accounts": {
        "task": "board.privacy.tasks.retire_inactive_accounts",
        "schedule": crontab(hour=4, minute=30),
    },
    # Pay distributions of open jobs: the search's chart, "above the median" on job pages.
    "pay-distributions": {
        "task": "board.payinsight.tasks.refresh_pay_distributions",
        "schedule": crontab(minute=25),
    },
    # Résumés and logos stored by an upload whose row never committed (a crash, a
    # rollback): deleted a day later (board/core/stored_files.py).
    "orphan-files": {
        "task": "board.core.tasks.sweep_orphan_files",
        "schedule": crontab(hour=4, minute=50),
    },
}
# Pay insight (board/payinsight): a population of fewer open jobs with a salary is
# too small to say anything honest about, so the chart and the sentence are hidden.
PAY_INSIGHT_MIN_JOBS = int(os.environ.get("PAY_INSIGHT_MIN_JOBS", "20"))

# Listing analytics without Redis: each process buffers its counted views and
# writes them once per this many views or seconds, and at exit (board/analytics/counters.py).
ANALYTICS_BUFFER_EVENTS = int(os.environ.get("ANALYTICS_BUFFER_EVENTS", "200"))
ANALYTICS_BUFFER_SECONDS = float(os.environ.get("ANALYTICS_BUFFER_SECONDS", "60"))

# A job's listing: the employer may choose its last day, up to this many days ahead
# (without one, a listing runs 30 days: board/jobs/models.py LISTING_DAYS).
JOB_MAX_LISTING_DAYS = int(os.environ.get("JOB_MAX_LISTING_DAYS", "60"))
# An application with no status change for this many days is closed politely, the
# company having been reminded a week before (board/applications/stale.py).
STALE_APPLICATION_DAYS = int(os.environ.get("STALE_APPLICATION_DAYS", "60"))

# Personal data (issue 17; the privacy page states these values). Résumés and cover
# letters are removed this many months after the job they were sent to closed; an account
# unused for INACTIVE_ACCOUNT_DAYS is anonymised, after a notice e-mail sent this many
# days before (signing in cancels it); a data export's download link works this many hours.
RETENTION_DOCUMENT_MONTHS = int(os.environ.get("RETENTION_DOCUMENT_MONTHS", "6"))
RETENTION_INACTIVE_ACCOUNT_DAYS = int(os.environ.get("RETENTION_INACTIVE_ACCOUNT_DAYS", "730"))
RETENTION_NOTICE_DAYS = int(os.environ.get("RETENTION_NOTICE_DAYS", "30"))
DATA_EXPORT_LINK_HOURS = int(os.environ.get("DATA_EXPORT_LINK_HOURS", "72"))

# Virus scanning of uploads (board/scanning/): on when CLAMD_ADDRESS names clamd's socket,
# unix:///run/clamav/clamd.ctl or tcp://127.0.0.1:3310; off (files stored unscanned) when
# empty, as in the quick start. CLAMD_TIMEOUT bounds each exchange with clamd, in seconds.
# When clamd does not answer, uploads are refused ("refuse"), or accepted into a quarantine
# ("quarantine") that is not served until the periodic scan finds them clean.
CLAMD_ADDRESS = os.environ.get("CLAMD_ADDRESS", "")
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "5"))
CLAMD_UNAVAILABLE = os.environ.get("CLAMD_UNAVAILABLE", "refuse")
if CLAMD_UNAVAILABLE not in ("refuse", "quarantine"):
    raise ImproperlyConfigured("CLAMD_UNAVAILABLE must be 'refuse' or 'quarantine'")

# Where the periodic task reads exchange rates: any document in the ECB's eurofxref
# format (http, https or file). Pages never fetch it; they use the stored rates.
EXCHANGE_RATES_URL = os.environ.get(
    "EXCHANGE_RATES_URL", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
)

# Content Security Policy, enforced. Scripts only from our origin or with the
# per-request nonce; htmx is configured (base.html) not to inject inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # Health checks and load balancers talk to the app over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for HSTS preload. Preloading is a one-way commitment of
    # the whole domain to HTTPS, so it is the operator's choice
    # (SECURE_HSTS_PRELOAD=true), not a default.
    "security.W021",
]

# Behind a load balancer every request comes from the proxy's address. The client's is in
# X-Forwarded-For, which a client can also write itself: only the last TRUSTED_PROXY_COUNT
# entries were added by proxies we run (nginx appends the address it saw), and the first of
# those is the client's. 0, the default, ignores the header, right when nothing sits in
# front. allauth's per-IP rate limits and session records, and the API's throttles, all read
# the address this way; without it, every visitor behind nginx would share one sign-in and
# sign-up budget.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# Prometheus metrics at /metrics (board/ops/): answered only to a request carrying
# `Authorization: Bearer <METRICS_TOKEN>`; with no token set, /metrics is a 404 like any
# unknown page. Under gunicorn, PROMETHEUS_MULTIPROC_DIR adds up every worker's counts
# (gunicorn.conf.py sets it up).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# Logs: readable text locally; in production one JSON object a line (LOG_FORMAT=text or
# json overrides), with the request id on every line and one line per request from
# board/ops/middleware.py (route, status, duration; never paths, addresses or names).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "board.ops.request_ids.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "board.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
if LOG_FORMAT == "text":
    # One line per request in JSON logs only (at LOG_LEVEL INFO): runserver prints its own.
    LOGGING["loggers"]["nexus.requests"] = {"level": "WARNING"}
