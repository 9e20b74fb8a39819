"""Start gunicorn the way production does: from the repository's root, so it reads
gunicorn.conf.py, with production settings and the given environment."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from django.conf import settings

from board.tests.net import free_port


class Server:
    def __init__(self, process, port, log):
        self.process, self.port, self.log = process, port, log

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path, headers=None, timeout=20):
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()

    def log_text(self):
        return self.log.read_text(errors="replace")


@contextmanager
def gunicorn(tmp_path, app="board.tests.ops.slow_wsgi:application", **environment):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GUNICORN_", "PROMETHEUS_", "WEB_CONCURRENCY"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="site_config.settings",
        DJANGO_ENV="production",
        SECRET_KEY="gunicorn-test-only-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        CELERY_BROKER_URL="",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
        **environment,
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments
            [sys.executable, "-m", "gunicorn", app],
            cwd=settings.BASE_DIR,  # where gunicorn.conf.py is
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log)
    try:
        give_up = time.monotonic() + 60
        while True:
            try:
                if server.get("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > give_up:
                raise AssertionError(f"gunicorn did not start:\n{server.log_text()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
