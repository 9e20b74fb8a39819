"""Processes the multi-node tests start, and how they wait for them (see conftest.py)."""

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings

START_DEADLINE = 40  # seconds for every process to answer


@dataclass
class Process:
    """A process we started in a session (process group) of its own, so that killing the
    group takes a gunicorn master with its workers."""

    name: str
    popen: subprocess.Popen
    log: Path
    command: list
    env: dict

    def restart(self):
        """The same command again (after kill()), logging to the same file."""
        self.popen = spawn(self.name, self.command, self.env, self.log.parent).popen
        return self

    def alive(self):
        return self.popen.poll() is None

    def log_tail(self, lines=30):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def kill(self):
        """SIGKILL to the whole group: no goodbye, as a crashed machine."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def terminate(self):
        """SIGTERM to the group: gunicorn, Celery and nginx shut down on it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self, deadline):
        """After terminate(): wait until `deadline` (monotonic), then SIGKILL the group
        whatever happened (the master may be gone while a worker is not)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
        self.kill()


def spawn(name, command, env, tmp):
    log = tmp / f"{name}.log"
    with log.open("ab") as output:
        popen = subprocess.Popen(  # noqa: S603 -- our own command lines
            command,
            cwd=Path(django_settings.BASE_DIR),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name, popen, log, command, env)


def wait_until_answering(process, url):
    give_up = time.monotonic() + START_DEADLINE
    while time.monotonic() < give_up:
        if not process.alive():
            pytest.fail(f"{process.name} exited at start:\n{process.log_tail()}", pytrace=False)
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"{process.name} did not answer {url}:\n{process.log_tail()}", pytrace=False)
