"""A second database alias, "replica", for the replica tests, and the router and middleware
that site_config/settings.py installs when DATABASE_REPLICA_URL is set.

The alias is a TEST MIRROR of the default one (as in settings), so a transactional test
queries it but never flushes it: on PostgreSQL it is a real standby, read-only.
"""

import copy
from contextlib import contextmanager

import pytest
from django.db import connections

from board.core.replica import health
from board.core.replica.routing import PRIMARY, REPLICA

ROUTER = "board.core.replica.routing.ReplicaRouter"
MIDDLEWARE = "board.core.replica.middleware.ReplicaReadsMiddleware"


@contextmanager
def replica_alias(**changes):
    """connections["replica"]: the test database's settings with `changes` (HOST, PORT…)."""
    settings_dict = copy.deepcopy(connections[PRIMARY].settings_dict)
    settings_dict.update(changes)
    settings_dict["TEST"] = {**settings_dict["TEST"], "MIRROR": PRIMARY}
    connections.settings[REPLICA] = settings_dict
    try:
        yield settings_dict
    finally:
        _forget_connection()
        del connections.settings[REPLICA]


@contextmanager
def replica_settings(**changes):
    """The replica alias with other settings for a while (a fresh connection: Django never
    closes an in-memory SQLite one)."""
    saved = connections.settings[REPLICA]
    _forget_connection()
    connections.settings[REPLICA] = {**saved, **changes}
    try:
        yield
    finally:
        _forget_connection()
        connections.settings[REPLICA] = saved


def _forget_connection():
    if hasattr(connections._connections, REPLICA):
        connections[REPLICA].close()
        del connections[REPLICA]


def route_reads(settings):
    """The router and the middleware on, as with DATABASE_REPLICA_URL; a fresh verdict.
    `settings`: pytest-django's fixture, which puts everything back after the test."""
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    settings.REPLICA_STICKY_SECONDS = 10
    settings.REPLICA_MAX_LAG_SECONDS = 5
    health.reset()


@pytest.fixture
def routed(settings):
    route_reads(settings)
    yield settings
    health.reset()
