"""SQLite behind the `Database` port: a reader and a writer connection on one file.

Reads go to one connection and see committed snapshots only (WAL); writes go to the other, one
transaction at a time behind an asyncio lock, so a half-written article is never visible and
concurrent commands never meet "database is locked". Every SQLite exception leaves here as one
of `storage.errors`.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import aiosqlite

from storage.errors import Conflict, DiskFull, StoreError
from storage.sql.database import Row

BUSY_TIMEOUT_MS = 10_000


@contextmanager
def engine_errors() -> Iterator[None]:
    """SQLite's exceptions as the store's own."""
    try:
        yield
    except sqlite3.IntegrityError as err:
        raise Conflict(str(err)) from err
    except sqlite3.OperationalError as err:
        if "full" in str(err):
            raise DiskFull(str(err)) from err
        raise StoreError(f"the library could not complete that ({err})") from err
    except sqlite3.Error as err:
        raise StoreError(f"the library could not complete that ({err})") from err


async def connect(target: str, uri: bool = False) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(target, isolation_level=None, uri=uri)
    for pragma in (
        "journal_mode = WAL",
        "foreign_keys = ON",
        "synchronous = NORMAL",
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
        "cache_size = -16000",
    ):
        await conn.execute(f"PRAGMA {pragma}")
    return conn


class SQLiteTransaction:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *params: Any) -> int:
        with engine_errors():
            cursor = await self._conn.execute(sql, params)
            count = cursor.rowcount
            await cursor.close()
        return max(count, 0)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with engine_errors():
            await self._conn.executemany(sql, rows)

    async def fetch(self, sql: str, *params: Any) -> list[Row]:
        with engine_errors():
            return list(await self._conn.execute_fetchall(sql, params))

    async def fetchrow(self, sql: str, *params: Any) -> Row | None:
        rows = await self.fetch(sql, *params)
        return rows[0] if rows else None


class SQLiteDatabase:
    engine = "sqlite"

    def __init__(self, reader: aiosqlite.Connection, writer: aiosqlite.Connection):
        self._reader = reader
        self._writer = writer
        self._write_lock = asyncio.Lock()

    # One round trip to the reader's thread per query: execute, fetch and close as separate
    # awaits cost three thread hand-offs, which dominate a sub-millisecond indexed read.
    async def fetch(self, sql: str, *params: Any) -> list[Row]:
        with engine_errors():
            return list(await self._reader.execute_fetchall(sql, params))

    async def fetchrow(self, sql: str, *params: Any) -> Row | None:
        rows = await self.fetch(sql, *params)
        return rows[0] if rows else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SQLiteTransaction]:
        async with self._write_lock:
            with engine_errors():
                await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield SQLiteTransaction(self._writer)
                with engine_errors():
                    await self._writer.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already (a full disk does): a second ROLLBACK
                # would raise and hide the real error, a failed COMMIT would leave it open.
                if self._writer.in_transaction:
                    await self._writer.execute("ROLLBACK")
                raise

    async def pragma(self, statement: str) -> None:
        """Run a statement outside any transaction (maintenance: optimize, checkpoints)."""
        async with self._write_lock:
            with engine_errors():
                await self._writer.execute(statement)

    async def close(self) -> None:
        await self._reader.close()
        await self._writer.close()
