"""A throw-away PostgreSQL cluster on 127.0.0.1 for the test session (Debian's binaries).

As root, `initdb` and `postgres` run as the `postgres` user, in a folder it can reach. One
cluster per session; each test gets a database of its own (`CREATE DATABASE`, fast).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def _binaries() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError(
        "PostgreSQL is not installed: the store's tests run against a real server "
        "(`.ci/run` installs Debian's postgresql package)"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A cluster of its own on a free port. With `keep`, its data stays in that folder for the
    next run (the benchmarks' cached libraries) and it is durable (fsync on), as in production;
    otherwise it lives in a temporary folder without fsync, which tests do not need."""

    def __init__(self, keep: Path | None = None) -> None:
        self.bin = _binaries()
        self.keep = keep
        self.root = keep or Path(tempfile.mkdtemp(prefix="articlebot-pg-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.root, "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E",
                      "UTF8", "--locale=C.UTF-8")  # fmt: skip
        elif keep:  # a run that was killed may have left its server running
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "stop")
        # Kept: durable, with the memory a server for one library would be given (Debian's
        # default shared_buffers is 128 MB). Throw-away: no fsync, which tests do not need.
        tuning = (
            "-c shared_buffers=512MB "
            if keep
            else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {tuning}"
            "-c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                  "-w", "start")  # fmt: skip
        atexit.register(self.stop)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self._as_postgres:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database; its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        subprocess.run(
            [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
             "postgres", name],
            check=True, capture_output=True,
        )  # fmt: skip
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            mode = "fast" if self.keep else "immediate"
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.data), "-m", mode, "stop")
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


_cluster: Cluster | None = None


def cluster() -> Cluster:
    """The session's cluster, started on first use."""
    global _cluster
    if _cluster is None:
        _cluster = Cluster()
    return _cluster
