"""Opening a SQLite library: the file, its schema migrations, its two connections."""

from __future__ import annotations

import logging
import sqlite3
import uuid
from pathlib import Path

import aiosqlite

from storage.errors import StoreError
from storage.query import cjk_terms
from storage.sql import migrations
from storage.sql.store import SqlStore
from storage.sqlite.database import SQLiteDatabase, connect, engine_errors
from storage.sqlite.search import FtsSearch

log = logging.getLogger(__name__)
MIGRATIONS = migrations.load("storage.sqlite.migrations")
SCHEMA_VERSION = len(MIGRATIONS)


async def open_sqlite(path: str | Path, create: bool = True) -> SqlStore:
    """The library in the file at `path`, upgraded to this version's schema.

    Without `create`, a missing file is an error rather than a new, empty library.
    """
    if str(path) == ":memory:":
        # Both connections must see one database: a named, shared in-memory one.
        target = f"file:articlebot-{uuid.uuid4().hex}?mode=memory&cache=shared"
        writer = await connect(target, uri=True)
        reader = await connect(target, uri=True)
        await migrate(writer)
        await reader.execute("PRAGMA query_only = ON")
        return SqlStore(SQLiteDatabase(reader, writer), FtsSearch(), location=":memory:")
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(f"there is no library at {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Probe synchronously: a failed aiosqlite connect leaves its thread behind.
        sqlite3.connect(path).close()
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"cannot open the library at {path}: {err}") from None
    writer = await connect(str(path))
    try:
        await migrate(writer)
        reader = await connect(str(path))
    except BaseException:
        await writer.close()
        raise
    await reader.execute("PRAGMA query_only = ON")
    return SqlStore(SQLiteDatabase(reader, writer), FtsSearch(), location=str(path))


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection) -> None:
    version = await schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database is at schema version {version}, newer than this articlebot "
            f"({SCHEMA_VERSION}); upgrade articlebot"
        )
    # Migrations that fill the index of unspaced scripts compute it with the store's own code.
    await conn.create_function("cjk_terms", -1, cjk_terms, deterministic=True)
    for step in MIGRATIONS[version:]:
        # A new library is built by the same steps; an upgrade of a real one is worth a warning.
        log.log(
            logging.WARNING if version else logging.DEBUG,
            "upgrading the library to schema %d: %s",
            step.version,
            step.description,
        )
        with engine_errors():
            await _apply(conn, step)


async def _apply(conn: aiosqlite.Connection, step: migrations.Migration) -> None:
    """One migration, whole or not at all (foreign keys checked before the commit)."""
    if step.foreign_keys_off:
        await conn.execute("PRAGMA foreign_keys = OFF")
    try:
        # executescript commits whatever is pending first, then runs the script as written.
        await conn.executescript(
            f"BEGIN IMMEDIATE;\n{step.sql}\nPRAGMA user_version = {step.version};"
        )
        async with conn.execute("PRAGMA foreign_key_check") as cur:
            broken = list(await cur.fetchall())
        if broken:
            raise StoreError(f"migration {step.version} would break references: {broken[:3]}")
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    finally:
        await conn.execute("PRAGMA foreign_keys = ON")
