"""DATABASE_REPLICA_URL, read by site_config/settings.py in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "replica": settings.DATABASES.get("replica"),
    "routers": settings.DATABASE_ROUTERS,
    "last_middleware": settings.MIDDLEWARE[-1],
}))
"""


def _settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(DJANGO_SETTINGS_MODULE="site_config.settings", **env)
    result = subprocess.run(  # noqa: S603 -- our own interpreter running our own probe
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_replica_url_nothing_changes():
    found = _settings()
    assert found["aliases"] == ["default"]
    assert found["routers"] == []
    assert "replica" not in found["last_middleware"]


def test_a_replica_url_adds_the_alias_router_and_middleware():
    found = _settings(
        DATABASE_URL="postgres://app:secret@primary.internal:5432/nexus",
        DATABASE_REPLICA_URL="postgres://reader:secret@replica.internal:5433/nexus",
        REPLICA_CONNECT_TIMEOUT="3",
    )
    replica = found["replica"]
    assert found["aliases"] == ["default", "replica"]
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == (
        "replica.internal",
        5433,
        "reader",
    )
    assert replica["OPTIONS"]["connect_timeout"] == 3
    assert "jit=off" in replica["OPTIONS"]["options"]  # the primary's planner settings
    assert replica["TEST"]["MIRROR"] == "default"  # tests read the test database under both
    assert found["routers"] == ["board.core.replica.routing.ReplicaRouter"]
    assert found["last_middleware"] == "board.core.replica.middleware.ReplicaReadsMiddleware"
