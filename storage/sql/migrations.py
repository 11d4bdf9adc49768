"""Versioned schema migrations, one SQL file each, applied in order at start-up.

A file is `NNNN_name.sql`; its first comment line says what it does, and a line
`-- pragma: foreign_keys=off` asks the SQLite runner to rebuild tables with foreign keys off
(checked before commit). Never edit a released migration: add a new one. An old database is
upgraded in place, each step whole or not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    description: str
    sql: str

    @property
    def foreign_keys_off(self) -> bool:
        return "-- pragma: foreign_keys=off" in self.sql


def load(package: str) -> tuple[Migration, ...]:
    """The migrations shipped in `package`, numbered 1, 2, 3... without gaps."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        sql = entry.read_text(encoding="utf-8")
        first = sql.splitlines()[0] if sql else ""
        found.append(
            Migration(int(match.group(1)), match.group(2), first.removeprefix("--").strip(), sql)
        )
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"the migrations of {package} are not numbered 1..n")
    return tuple(found)
