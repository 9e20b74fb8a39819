"""Test-only WSGI entry: Django's application, with a delay before a request that asks for
one (`?sleep=SECONDS`), so a test can have a request in flight while it stops gunicorn,
and `?loaded-by`, which tells which process loaded the code and which one answers.

Only the gunicorn tests start it; the site's own entry point (site_config/wsgi.py) has no
such thing, and no URL of the site sleeps.
"""

import gc
import os
import time
from pathlib import Path
from urllib.parse import parse_qs

from site_config.wsgi import application as django_application

# The process that loaded the application (and so Django, the views and the URL conf).
LOADED_BY = os.getpid()


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if "loaded-by" in query:  # which process loaded the code, which answers, what is frozen
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [f"{LOADED_BY} {os.getpid()} {gc.get_freeze_count()}".encode()]
    if "sleep" in query:
        marker = os.environ.get("SLOW_REQUEST_MARKER")
        if marker:  # tells the test the request has reached a worker
            Path(marker).write_text(str(os.getpid()))
        time.sleep(float(query["sleep"][0]))
    return django_application(environ, start_response)
