"""WSGI entry point for gunicorn. Whatever gunicorn serves is production unless
DJANGO_ENV says otherwise, so a forgotten variable fails closed."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
os.environ.setdefault("DJANGO_ENV", "production")

application = get_wsgi_application()
