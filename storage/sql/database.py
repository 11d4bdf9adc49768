"""The port each engine implements: run SQL, in or out of one write transaction.

SQL here uses `?` placeholders and the subset of SQL both SQLite and PostgreSQL read the same
way (`RETURNING`, `ON CONFLICT`, `coalesce`); an engine rewrites placeholders as it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Row = Sequence[Any]


class Reader(Protocol):
    async def fetch(self, sql: str, *params: Any) -> list[Row]: ...

    async def fetchrow(self, sql: str, *params: Any) -> Row | None: ...


class Transaction(Reader, Protocol):
    """One write transaction: committed whole when its block ends, rolled back on any error."""

    async def execute(self, sql: str, *params: Any) -> int:
        """Run one statement; returns the number of rows it changed."""

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...


class Database(Reader, Protocol):
    engine: str  # "sqlite" or "postgresql"

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def close(self) -> None: ...


async def value(reader: Reader, sql: str, *params: Any) -> Any:
    """The first column of the first row, or None."""
    row = await reader.fetchrow(sql, *params)
    return row[0] if row else None
