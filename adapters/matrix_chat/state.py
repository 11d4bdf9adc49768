"""What the adapter keeps across restarts: its login, and how far it has read.

Each file is replaced atomically (write, fsync, rename), so a crash leaves either the old or the
new version, never half of one.
"""

from __future__ import annotations

import enum
import json
import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.models import Reply

MAX_HANDLED = 1000  # far more than one batch can replay


def write_json(path: Path, data: dict[str, Any], mode: int = 0o600) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class Credentials:
    """A login to reuse: every new `login()` would create a new device (and lose E2EE keys)."""

    homeserver: str
    user_id: str
    device_id: str
    access_token: str

    @classmethod
    def load(cls, path: Path) -> Credentials | None:
        data = read_json(path)
        if data is None:
            return None
        try:
            return cls(
                str(data["homeserver"]),
                str(data["user_id"]),
                str(data["device_id"]),
                str(data["access_token"]),
            )
        except KeyError:
            return None

    def save(self, path: Path) -> None:
        write_json(path, self.__dict__)


class Outcome(enum.Enum):
    """How a handled event was answered; an edit of a command is answered unless it was OK."""

    ANSWERED = "answered"
    ERROR = "error"  # answered with an error (a typo, a refusal): an edit may fix it
    SILENT = "silent"  # not answered (muted by the cooldown, or it could not be handled)

    @classmethod
    def of(cls, reply: Reply | None) -> Outcome:
        if reply is None:
            return cls.SILENT
        return cls.ERROR if reply.is_error else cls.ANSWERED


class SyncState:
    """The sync token after the last fully handled batch, and recently handled event ids.

    Delivery is at least once: a batch whose token was not saved comes again after a restart.
    The handled ids make that replay harmless; their outcomes say which edits to answer.
    """

    def __init__(self, path: Path, keep: int = MAX_HANDLED) -> None:
        self.path = path
        self.keep = keep
        self.token: str | None = None
        self._handled: OrderedDict[str, Outcome] = OrderedDict()
        data = read_json(path)
        if data is not None:
            self.token = data.get("next_batch") or None
            handled = data.get("handled", {})
            if isinstance(handled, list):  # written before outcomes were kept: all answered
                handled = dict.fromkeys(handled, Outcome.ANSWERED.value)
            self._handled = OrderedDict(
                (event_id, _outcome(value)) for event_id, value in handled.items()
            )

    def handled(self, event_id: str) -> bool:
        return event_id in self._handled

    def outcome(self, event_id: str) -> Outcome | None:
        """How `event_id` was answered; None if it was never handled (or long forgotten)."""
        return self._handled.get(event_id)

    def mark_handled(self, *event_ids: str, outcome: Outcome = Outcome.ANSWERED) -> None:
        """Remember answered events now: a crash before the token is saved will not repeat them."""
        for event_id in event_ids:
            self._handled.pop(event_id, None)
            self._handled[event_id] = outcome
        while len(self._handled) > self.keep:
            self._handled.popitem(last=False)
        self._save()

    def advance(self, token: str) -> None:
        """Record that every event up to `token` has been handled."""
        self.token = token
        self._save()

    def _save(self) -> None:
        handled = {event_id: outcome.value for event_id, outcome in self._handled.items()}
        write_json(self.path, {"next_batch": self.token, "handled": handled})


def _outcome(value: object) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        return Outcome.ANSWERED  # unknown: the side that never answers twice
