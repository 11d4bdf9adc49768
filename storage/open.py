"""Which engine holds the library, chosen by `ARTICLEBOT_DB` / `--db`.

A path (or `sqlite:///path`) is a SQLite file; `postgresql://...` (or `postgres://`) is a
PostgreSQL database. Anything else with a scheme is refused rather than taken for a file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from storage.errors import StoreError
from storage.interface import Store

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True)
class Location:
    engine: str  # "sqlite" or "postgresql"
    target: str  # the file path, or the connection URL

    @property
    def shown(self) -> str:
        """For messages and logs: a URL's password is never shown."""
        if self.engine == "sqlite":
            return self.target
        parts = urlsplit(self.target)
        if parts.password is None:
            return self.target
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))


def locate(db: str | Path) -> Location:
    text = str(db).strip()
    scheme = _SCHEME.match(text)
    if scheme is None:
        if not text:
            raise StoreError("no library named: set ARTICLEBOT_DB or pass --db")
        return Location("sqlite", text)
    name = scheme.group(1).lower()
    if name == "sqlite":
        path = text[len("sqlite://") :]
        if not path.startswith("/") or path == "/":
            raise StoreError("write a SQLite URL as sqlite:///relative/path or sqlite:////abs/path")
        return Location("sqlite", path[1:])
    if name in ("postgresql", "postgres"):
        return Location("postgresql", "postgresql://" + text[len(scheme.group(0)) :])
    raise StoreError(
        f"{name}:// is not a library this bot can use; give a file path, sqlite:///path "
        "or postgresql://user@host/db"
    )


async def open_store(db: str | Path, create: bool = True) -> Store:
    """Open (and upgrade) the library at `db`; without `create`, it must exist already."""
    location = locate(db)
    if location.engine == "sqlite":
        from storage.sqlite import open_sqlite

        return await open_sqlite(location.target, create=create)
    from storage.postgres import open_postgres

    return await open_postgres(location.target, create=create, shown=location.shown)
