"""Opening a PostgreSQL library: the pool, and the schema migrations under an advisory lock
(two processes starting at once migrate once)."""

from __future__ import annotations

import logging

import asyncpg

from storage.errors import StoreError, StoreUnavailable
from storage.postgres.database import PgDatabase, engine_errors
from storage.postgres.search import TsSearch
from storage.sql import migrations
from storage.sql.store import SqlStore

log = logging.getLogger(__name__)
MIGRATIONS = migrations.load("storage.postgres.migrations")
SCHEMA_VERSION = len(MIGRATIONS)
MIGRATION_LOCK = 0x61727469  # any constant shared by every articlebot process
POOL_SIZE = 10
COMMAND_TIMEOUT = 30.0


async def open_postgres(url: str, create: bool = True, shown: str = "") -> SqlStore:
    """The library in the PostgreSQL database at `url`, upgraded to this version's schema.

    Without `create`, a database holding no library yet is an error.
    """
    where = shown or url
    try:
        pool = await asyncpg.create_pool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            command_timeout=COMMAND_TIMEOUT,
            # asyncpg prepares every statement; after five runs PostgreSQL would plan a search
            # once for any words, guessing how many match, and for a rare word walk the whole
            # table reading every stored tsvector (seconds at 100,000 articles). Each search is
            # planned for its own words instead (about a millisecond).
            server_settings={"plan_cache_mode": "force_custom_plan"},
        )
    except (OSError, asyncpg.exceptions.CannotConnectNowError, TimeoutError) as err:
        raise StoreUnavailable(f"cannot reach the PostgreSQL server at {where}: {err}") from None
    except asyncpg.exceptions.PostgresError as err:
        raise StoreError(f"PostgreSQL refused {where}: {err}") from None
    try:
        with engine_errors(where):
            async with pool.acquire() as conn:
                await _migrate(conn, create, where)
    except BaseException:
        await pool.close()
        raise
    return SqlStore(PgDatabase(pool, where), TsSearch(), location=where)


async def _migrate(conn: asyncpg.Connection, create: bool, where: str) -> None:
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        version = int(
            await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations")
        )
        if version == 0 and not create:
            raise StoreError(f"there is no library at {where}")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database is at schema version {version}, newer than this articlebot "
                f"({SCHEMA_VERSION}); upgrade articlebot"
            )
        for step in MIGRATIONS[version:]:
            log.log(
                logging.WARNING if version else logging.DEBUG,
                "upgrading the library to schema %d: %s",
                step.version,
                step.description,
            )
            async with conn.transaction():
                await conn.execute(step.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations(version, description) VALUES ($1, $2)",
                    step.version,
                    step.description,
                )
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
