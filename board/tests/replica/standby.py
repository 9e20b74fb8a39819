"""A real PostgreSQL standby of the test's primary, made with pg_basebackup.

Made after pytest-django has created the test database, so the standby has it too and
streams every commit after that. Debian keeps postgresql.conf and pg_hba.conf outside the
data directory, so the copy gets its own. PostgreSQL refuses to run as root: as root (CI,
this machine) the server runs as the `postgres` user, which owns the copy.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2

from board.tests.net import free_port

# What a hot standby must have at least as much of as its primary.
AT_LEAST_THE_PRIMARYS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def server_bin(major):
    """The directory of this PostgreSQL major version's server programs, or None."""
    for candidate in (f"/usr/lib/postgresql/{major}/bin", "/usr/local/pgsql/bin"):
        if Path(candidate, "postgres").exists() and Path(candidate, "pg_basebackup").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found and shutil.which("pg_basebackup"):
        return Path(found).parent
    return None


class Standby:
    def __init__(self, primary, bindir):
        self.primary = primary  # a Django settings_dict of the test database
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="nexus-standby-"))
        self.data = self.root / "data"
        self.port = free_port()

    def create(self, settings):
        env = {**os.environ, "PGPASSWORD": self.primary["PASSWORD"] or ""}
        subprocess.run(  # noqa: S603 -- our own command line
            [
                self.bindir / "pg_basebackup",
                "-h", self.primary["HOST"] or "127.0.0.1",
                "-p", str(self.primary["PORT"] or 5432),
                "-U", self.primary["USER"],
                "-D", str(self.data),
                "-R",  # standby.signal and primary_conninfo: a streaming standby
                "-X", "stream",
                "-c", "fast",
                "--no-sync",
            ],
            # It copies the whole cluster: seconds in CI, longer on a machine holding
            # other big databases.
            env=env, check=True, capture_output=True, timeout=900,
        )  # fmt: skip
        conf = {
            "port": self.port,
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.root}'",
            "hot_standby": "on",
            "fsync": "off",
            "shared_buffers": "'32MB'",
            **settings,
        }
        lines = [f"{name} = {value}" for name, value in conf.items()]
        (self.data / "postgresql.conf").write_text("\n".join(lines) + "\n")
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        if os.getuid() == 0:
            for path in [self.root, *self.root.rglob("*")]:
                shutil.chown(path, "postgres", "postgres")
        self.data.chmod(0o700)

    def _pg_ctl(self, *args):
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.data), *args]
        if os.getuid() == 0:
            command = ["/usr/sbin/runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603

    def start(self):
        self._pg_ctl("-l", str(self.root / "log"), "-w", "-t", "30", "start")

    def stop(self, mode="fast"):
        self._pg_ctl("-m", mode, "-w", "stop")

    def log(self):
        path = self.root / "log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def sql(self, query):
        """One statement on the standby, on a connection of its own."""
        conn = psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            dbname=self.primary["NAME"],
            user=self.primary["USER"],
            password=self.primary["PASSWORD"],
            connect_timeout=5,
        )
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(query)
                return cursor.fetchone()
        finally:
            conn.close()

    def catch_up(self, primary_cursor, deadline=20):
        """Wait until the standby has replayed everything the primary has written."""
        primary_cursor.execute("SELECT pg_current_wal_lsn()")
        target = primary_cursor.fetchone()[0]
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            if self.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]:
                return
            time.sleep(0.05)
        raise AssertionError(f"the standby did not catch up in {deadline} s\n{self.log()}")
