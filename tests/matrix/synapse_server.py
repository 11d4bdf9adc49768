"""A throwaway Synapse homeserver on 127.0.0.1, for the Matrix tests and the latency benchmark.

Synapse runs from its own virtual environment, named by `ARTICLEBOT_SYNAPSE_PYTHON` (made by
`scripts/setup-synapse.sh`). The configuration follows ../shared/notes/matrix-testing.md:
loopback only, no federation, cheap bcrypt, no rate limits (unless asked), no cached /sync.
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "ARTICLEBOT_SYNAPSE_PYTHON"
SERVER_NAME = "localhost"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_UNLIMITED = {"per_second": 10_000, "burst_count": 10_000}


class SynapseUnavailable(RuntimeError):
    """Synapse is not installed or did not start."""


def synapse_python() -> str:
    python = os.environ.get(ENV_VAR, "").strip()
    if not python:
        raise SynapseUnavailable(
            f"{ENV_VAR} is not set. Install Synapse with "
            "`bash scripts/setup-synapse.sh .synapse-venv python3` and run the tests with "
            f"{ENV_VAR}=.synapse-venv/bin/python (`make test` does both)."
        )
    if not Path(python).exists():
        raise SynapseUnavailable(f"{ENV_VAR}={python} does not exist; run scripts/setup-synapse.sh")
    # Absolute, because Synapse runs in its own directory; not resolved, or the venv is lost.
    return os.path.abspath(python)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, so no Synapse outlives it."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _config(directory: Path, port: int, secret: str, message_limit: bool) -> dict[str, object]:
    limits: dict[str, object] = {
        name: _UNLIMITED
        for name in (
            *(() if message_limit else ("rc_message",)),
            "rc_registration",
            "rc_joins_per_room",
            "rc_room_creation",
            "rc_3pid_validation",
            "rc_media_create",
            "rc_delayed_event_mgmt",
            "rc_reports",
        )
    }
    limits["rc_login"] = {
        "address": _UNLIMITED,
        "account": _UNLIMITED,
        "failed_attempts": _UNLIMITED,
    }
    limits["rc_joins"] = {"local": _UNLIMITED, "remote": _UNLIMITED}
    limits["rc_invites"] = {
        "per_room": _UNLIMITED,
        "per_user": _UNLIMITED,
        "per_issuer": _UNLIMITED,
    }
    limits["rc_key_requests"] = _UNLIMITED
    return {
        "server_name": SERVER_NAME,
        "pid_file": str(directory / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}},
        "log_config": str(directory / "log.yaml"),
        "media_store_path": str(directory / "media"),
        "signing_key_path": str(directory / "signing.key"),
        "registration_shared_secret": secret,
        "macaroon_secret_key": secrets.token_hex(16),
        "form_secret": secrets.token_hex(16),
        "report_stats": False,
        "enable_metrics": False,
        "url_preview_enabled": False,
        "presence": {"enabled": False},
        "federation_domain_whitelist": [],
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "bcrypt_rounds": 4,
        "caches": {"sync_response_cache_duration": 0},
        "max_upload_size": "10M",
        **limits,
    }


_LOG_CONFIG = """version: 1
formatters:
  plain: {format: '%(asctime)s %(levelname)s %(name)s: %(message)s'}
handlers:
  file: {class: logging.FileHandler, formatter: plain, filename: LOGFILE}
root: {level: WARNING, handlers: [file]}
disable_existing_loggers: false
"""


@dataclass
class Account:
    user_id: str
    password: str
    access_token: str
    device_id: str


class SynapseServer:
    """Start, stop and restart one Synapse; register users through the shared-secret API."""

    def __init__(self, directory: Path, message_limit: bool = False) -> None:
        """`message_limit`: keep Synapse's default limit on sending messages (a benchmark's
        choice; tests run without limits)."""
        self.directory = directory
        self.message_limit = message_limit
        self.secret = secrets.token_hex(16)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        python = synapse_python()
        self.directory.mkdir(parents=True, exist_ok=True)
        key = self.directory / "signing.key"
        if not key.exists():  # any 32 random bytes are an ed25519 seed
            seed = base64.b64encode(os.urandom(32)).decode().rstrip("=")
            key.write_text(f"ed25519 a_test {seed}\n")
        (self.directory / "log.yaml").write_text(
            _LOG_CONFIG.replace("LOGFILE", json.dumps(str(self.directory / "homeserver.log")))
        )
        for _attempt in range(5):
            if not self.port:
                self.port = _free_port()
            config = self.directory / "homeserver.yaml"
            config.write_text(
                json.dumps(_config(self.directory, self.port, self.secret, self.message_limit))
            )
            self.process = subprocess.Popen(
                [python, "-m", "synapse.app.homeserver", "-c", str(config)],
                cwd=self.directory,
                stdout=subprocess.DEVNULL,
                stderr=(self.directory / "stderr.log").open("ab"),
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            if self._wait_ready(timeout):
                return
            if self._port_taken():
                self.port = 0  # another process took it between our check and Synapse's bind
                continue
            raise SynapseUnavailable(f"Synapse did not start; see {self.directory}/stderr.log")
        raise SynapseUnavailable("Synapse found no free port")

    def _port_taken(self) -> bool:
        log = (self.directory / "stderr.log").read_text(errors="replace")
        return "Address already in use" in log[-4000:]

    def _wait_ready(self, timeout: float) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with _NO_PROXY.open(f"{self.url}/_matrix/client/versions", timeout=2):
                    return True
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def _request(
        self, path: str, body: dict[str, object] | None = None, token: str = ""
    ) -> dict[str, object]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        with _NO_PROXY.open(request, timeout=30) as response:
            result: dict[str, object] = json.loads(response.read())
            return result

    def register(self, localpart: str, password: str = "", admin: bool = False) -> Account:
        """A new user (and a first device) through /_synapse/admin/v1/register."""
        password = password or secrets.token_hex(8)
        nonce = str(self._request("/_synapse/admin/v1/register")["nonce"])
        mac = hmac.new(self.secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode()]))
        mac.update(b"\x00admin" if admin else b"\x00notadmin")
        result = self._request(
            "/_synapse/admin/v1/register",
            {
                "nonce": nonce,
                "username": localpart,
                "password": password,
                "admin": admin,
                "mac": mac.hexdigest(),
            },
        )
        return Account(
            str(result["user_id"]), password, str(result["access_token"]), str(result["device_id"])
        )

    def exempt_from_rate_limits(self, admin: Account, user_id: str) -> None:
        """What the README tells operators to do for the bot (Synapse's admin API)."""
        path = f"/_synapse/admin/v1/users/{urllib.parse.quote(user_id)}/override_ratelimit"
        self._request(path, {"messages_per_second": 0, "burst_count": 0}, admin.access_token)
