"""PostgreSQL behind the `Database` port: an asyncpg connection pool.

The shared SQL is written with `?` placeholders; they become `$1, $2, ...` here (once per
statement text, cached). Every asyncpg and connection exception leaves here as one of
`storage.errors`: a server that is down or a connection lost mid-command is
`StoreUnavailable` (the pool makes a new connection for the next command), a full disk is
`DiskFull`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import asyncpg

from storage.errors import Conflict, DiskFull, StoreError, StoreUnavailable
from storage.sql.database import Row

_PLACEHOLDER = re.compile(r"\?")
_LOST = (
    OSError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.ConnectionFailureError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.InterfaceError,
    # A connection the server dropped while asyncpg was between two messages of a command.
    asyncpg.exceptions.InternalClientError,
    TimeoutError,
)


@functools.lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$n` (the shared SQL never holds a literal `?`)."""
    counter = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


@contextmanager
def engine_errors(where: str) -> Iterator[None]:
    try:
        yield
    except asyncpg.exceptions.UniqueViolationError as err:
        raise Conflict(str(err)) from err
    except asyncpg.exceptions.DiskFullError as err:
        raise DiskFull(str(err)) from err
    except _LOST as err:
        raise StoreUnavailable(
            f"the PostgreSQL server at {where} cannot be reached ({err})"
        ) from err
    except asyncpg.exceptions.PostgresError as err:
        raise StoreError(f"the library could not complete that ({err})") from err


def _count(status: str) -> int:
    """Rows changed, from a command status such as `UPDATE 3` or `INSERT 0 1`."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PgTransaction:
    def __init__(self, conn: asyncpg.Connection, where: str) -> None:
        self._conn = conn
        self._where = where

    async def execute(self, sql: str, *params: Any) -> int:
        with engine_errors(self._where):
            return _count(await self._conn.execute(numbered(sql), *params))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = list(rows)
        if batch:
            with engine_errors(self._where):
                await self._conn.executemany(numbered(sql), batch)

    async def fetch(self, sql: str, *params: Any) -> list[Row]:
        with engine_errors(self._where):
            return list(await self._conn.fetch(numbered(sql), *params))

    async def fetchrow(self, sql: str, *params: Any) -> Row | None:
        with engine_errors(self._where):
            row: Row | None = await self._conn.fetchrow(numbered(sql), *params)
        return row


class PgDatabase:
    engine = "postgresql"

    def __init__(self, pool: asyncpg.Pool, where: str) -> None:
        self._pool = pool
        self.where = where  # the URL without its password

    async def fetch(self, sql: str, *params: Any) -> list[Row]:
        with engine_errors(self.where):
            return list(await self._pool.fetch(numbered(sql), *params))

    async def fetchrow(self, sql: str, *params: Any) -> Row | None:
        with engine_errors(self.where):
            row: Row | None = await self._pool.fetchrow(numbered(sql), *params)
        return row

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgTransaction]:
        with engine_errors(self.where):
            conn = await self._pool.acquire()
        try:
            with engine_errors(self.where):
                tx = conn.transaction()
                await tx.start()
            try:
                yield PgTransaction(conn, self.where)
            except BaseException:
                with engine_errors(self.where):
                    if not conn.is_closed():
                        await tx.rollback()
                raise
            with engine_errors(self.where):
                await tx.commit()
        finally:
            await self._pool.release(conn)

    async def close(self) -> None:
        await self._pool.close()
