"""Test-only WSGI entry: Django's application, with a delay before a request that asks for
one (`?sleep=SECONDS`), so a test can have a request in flight while it stops gunicorn.

Only the gunicorn tests start it; the site's own entry point (site_config/wsgi.py) has no
such thing, and no URL of the site sleeps.
"""

import os
import time
from pathlib import Path
from urllib.parse import parse_qs

from site_config.wsgi import application as django_application


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if "sleep" in query:
        marker = os.environ.get("SLOW_REQUEST_MARKER")
        if marker:  # tells the test the request has reached a worker
            Path(marker).write_text(str(os.getpid()))
        time.sleep(float(query["sleep"][0]))
    return django_application(environ, start_response)
