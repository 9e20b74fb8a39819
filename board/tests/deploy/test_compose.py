"""compose.yaml kept consistent with what it runs, since Docker cannot run here: the image
(Dockerfile), the Procfile, the settings and .env.example. Its syntax is checked against the
Compose Specification's schema in .ci/run (check-jsonschema); these check its meaning.
"""

import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import dj_database_url
import yaml

ROOT = Path(__file__).resolve().parents[3]
SCRATCH = "/tmp"  # noqa: S108 (the containers' tmpfs, not this machine's /tmp)
APP_SERVICES = ("web", "worker", "beat", "migrate", "createbucket")
# Read by the programs the image runs rather than by our settings.
READ_BY_TOOLS = {
    "PORT",  # gunicorn binds 0.0.0.0:$PORT
    "WEB_CONCURRENCY",  # gunicorn's worker count
    "PROMETHEUS_MULTIPROC_DIR",  # prometheus_client's multiprocess mode
    "XDG_RUNTIME_DIR",  # gunicorn's control socket
}
# Read by compose.yaml itself (interpolated), never by the app.
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "WEB_PORT", "NEXUS_IMAGE"}


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def procfile():
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line and not line.startswith("#"):
            name, command = line.split(":", 1)
            words = shlex.split(command)
            # `DJANGO_ENV=production celery ...`: the image sets the variables itself.
            while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
                words.pop(0)
            entries[name] = words
    return entries


def dockerfile():
    """The runtime stage's instructions, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().split(" AS runtime", 1)[1]
    text = re.sub(r"\\\n\s*", " ", re.sub(r"^\s*#.*\n", "", text, flags=re.M))
    instructions = {}
    for line in text.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            instructions.setdefault(keyword, []).append(rest.strip())
    return instructions


def image_env():
    env = {}
    for line in dockerfile()["ENV"]:
        env.update(dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line)))
    return {name: value.strip('"') for name, value in env.items()}


def names_the_app_reads():
    """Every variable our code reads, found the way it reads them."""
    sources = [*(ROOT / "site_config").glob("*.py"), *ROOT.glob("gunicorn.conf.py")]
    pattern = r"""(?:environ\.get|environ\[|envbool|envlist|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)"""
    names = {"DATABASE_URL"}  # dj_database_url.config() reads it
    for source in sources:
        names |= set(re.findall(pattern, source.read_text()))
    return names


def env_example(commented=True):
    """The variables of .env.example; with commented=False only those compose would read."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"(# ?)?([A-Z][A-Z0-9_]+)=(.*)", line)
        if match and (commented or not match[1]):
            values[match[2]] = match[3]
    return values


def interpolate(value, env):
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?message}, enough for this file."""

    def substitute(match):
        name, operator, rest = match[1], match[2], match[3]
        if env.get(name):
            return env[name]
        if operator == ":-":
            return rest
        raise AssertionError(f"{name} is required by compose.yaml: {rest}")

    return re.sub(r"\$\{([A-Z0-9_]+)(?:(:[-?])([^}]*))?\}", substitute, str(value))


def test_the_app_reads_every_variable_compose_gives_it():
    unknown = set(compose()["x-app"]["environment"]) - names_the_app_reads() - READ_BY_TOOLS
    assert not unknown, f"compose.yaml sets variables nothing reads: {unknown}"


def test_env_example_lists_only_variables_someone_reads():
    known = names_the_app_reads() | READ_BY_TOOLS | COMPOSE_ONLY
    unknown = set(env_example()) - known
    assert not unknown, f".env.example has variables nothing reads: {unknown}"


def test_env_example_gives_every_variable_compose_interpolates():
    text = (ROOT / "compose.yaml").read_text()
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", text))
    optional = set(re.findall(r"\$\{([A-Z0-9_]+)", text)) - required
    assert required - set(env_example(commented=False)) == set()
    assert optional - set(env_example()) == set()
    assert "PROMETHEUS_MULTIPROC_DIR" in image_env()


def test_worker_beat_and_migrate_run_the_procfile_commands():
    services, entries = compose()["services"], procfile()
    assert services["worker"]["command"] == entries["worker"]
    assert services["beat"]["command"] == entries["beat"]
    assert services["migrate"]["command"] == entries["release"]


def test_web_runs_the_images_command_which_is_the_procfiles():
    cmd = json.loads(dockerfile()["CMD"][-1])
    assert "command" not in compose()["services"]["web"]
    # The Procfile adds only flags (a platform's $PORT), never another server or app.
    assert procfile()["web"][: len(cmd)] == cmd == ["gunicorn", "site_config.wsgi:application"]


def test_only_the_migrate_service_migrates():
    migrating = [
        name
        for name, service in compose()["services"].items()
        if "migrate" in service.get("command", [])
    ]
    assert migrating == ["migrate"]
    assert "migrate" not in dockerfile()["CMD"][-1]


def test_app_services_run_read_only_with_memory_for_what_they_write():
    services = compose()["services"]
    for name in APP_SERVICES:
        service = services[name]
        assert service["read_only"] is True, name
        tmpfs = {mount["target"] for mount in service["volumes"] if mount["type"] == "tmpfs"}
        assert {SCRATCH, image_env()["PROMETHEUS_MULTIPROC_DIR"]} <= tmpfs, name
    # Beat's state file, gunicorn's control socket: on that tmpfs.
    assert f"--schedule={SCRATCH}/celerybeat-schedule" in services["beat"]["command"]
    assert image_env()["XDG_RUNTIME_DIR"] == SCRATCH


def test_image_runs_as_a_numeric_non_root_user():
    user = dockerfile()["USER"][-1]
    assert re.fullmatch(r"[1-9]\d*:[1-9]\d*", user), user


def test_health_checks_use_the_script_the_image_ships():
    healthcheck = dockerfile()["HEALTHCHECK"][-1]
    image_test = json.loads(healthcheck.split("CMD", 1)[1])
    web_test = compose()["services"]["web"]["healthcheck"]["test"]
    assert image_test == ["python", "/app/site_config/healthcheck.py", "/healthz"]
    assert web_test == ["CMD", "python", "/app/site_config/healthcheck.py", "/readyz"]
    assert (ROOT / "site_config" / "healthcheck.py").is_file()


def test_every_service_waited_for_as_healthy_has_a_health_check():
    services = compose()["services"]
    for name, service in services.items():
        for target, condition in service.get("depends_on", {}).items():
            assert target in services, (name, target)
            if condition["condition"] == "service_healthy":
                check = services[target].get("healthcheck", {})
                assert check.get("test") and not check.get("disable"), (name, target)


def test_the_app_waits_for_migrations_and_the_bucket():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        depends_on = services[name]["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"
        assert depends_on["createbucket"]["condition"] == "service_completed_successfully"


def test_deploy_checks_pass_with_the_environment_compose_gives(tmp_path):
    """`check --deploy` as the container would run it: .env (from .env.example, with a real
    secret key as the operator sets one) overridden by compose's own environment."""
    dotenv = env_example(commented=False) | {"SECRET_KEY": secrets.token_urlsafe(50)}
    services = compose()["services"]
    app = services["web"]
    assert all(services[name]["environment"] == app["environment"] for name in APP_SERVICES)
    container_env = dotenv | {
        name: interpolate(value, dotenv) for name, value in app["environment"].items()
    }
    env = {
        **image_env(),
        **container_env,
        "PATH": os.environ["PATH"],
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),  # the container's tmpfs
        # Django's model checks ask the database server its version, and the host
        # `postgres` exists only in compose's network: a database this machine has instead.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert container_env["DJANGO_ENV"] == "production"
    assert container_env["S3_ENDPOINT_URL"] == "http://seaweedfs:8333"
    database = dj_database_url.parse(container_env["DATABASE_URL"])
    assert (database["ENGINE"], database["HOST"]) == ("django.db.backends.postgresql", "postgres")
    assert database["PASSWORD"] == dotenv["POSTGRES_PASSWORD"]
