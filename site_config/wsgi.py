"""WSGI entry point for gunicorn. Whatever gunicorn serves is production unless
DJANGO_ENV says otherwise, so a forgotten variable fails closed."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
os.environ.setdefault("DJANGO_ENV", "production")

application = get_wsgi_application()

# Import the views now (the URL conf; the GraphQL schema alone is ~0.4 s of CPU), not in
# the first request: gunicorn preloads this module in its master (gunicorn.conf.py), so
# workers forked from it answer at once, without importing anything.
get_resolver().url_patterns  # noqa: B018 -- read for its side effect
