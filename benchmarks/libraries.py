"""Synthetic libraries of 1k, 10k, 100k articles, built once and cached.

A SQLite library of N articles holds articles 0..N-1 of the generator, so a bigger one is built
from a copy of the biggest smaller one already cached in `benchmarks/.cache/`. Articles are
analysed by the project's own pipeline in worker processes and written in batches through the
community's `Library.add_analysed`, the same path as `articlebot ingest`. A PostgreSQL library
is the SQLite one of the same size carried over by `articlebot export`/`import`'s own code, into
a database `bench_<fingerprint>_<size>` on the benchmark's server, kept there for the next run.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from pathlib import Path

import asyncpg

from benchmarks.generate import VERSION, article
from bot.config import Settings
from bot.core import Bot
from bot.ingest.pipeline import analyse
from storage import NewArticle

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 1
COMMUNITY = "default"  # the console's community: where `articlebot ingest` writes by default
_CHUNK = 250


def settings_for(db: str | Path) -> Settings:
    """Default settings on `db`, without the per-user cooldown (one user sends everything)."""
    return Settings(db=str(db), cooldown_commands=10**9, log_level="WARNING")


def _fingerprint() -> str:
    """Changes with the generator, so a stale cached library is never used. A library built
    before a schema change is still valid: opening it migrates it, as it would a user's."""
    return hashlib.sha256(f"{VERSION}:{SEED}".encode()).hexdigest()[:10]


def library_path(size: int, cache: Path = CACHE) -> Path:
    return cache / f"library-{_fingerprint()}-{size}.db"


def _analysed(start: int, stop: int) -> list[NewArticle]:
    return [analyse(article(i, SEED).document()) for i in range(start, stop)]


def _copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a WAL database (sqlite backup, not a file copy)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


async def _fill(path: Path, start: int, stop: int, workers: int) -> None:
    bot = await Bot.open(settings_for(path))
    loop = asyncio.get_running_loop()
    try:
        library = await bot.library_named(COMMUNITY)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            bounds = [(i, min(i + _CHUNK, stop)) for i in range(start, stop, _CHUNK)]
            futures = [loop.run_in_executor(pool, _analysed, a, b) for a, b in bounds]
            began = time.perf_counter()
            for done, future in enumerate(futures, 1):
                await library.add_analysed(await future, "benchmark", "bench")
                if done % 20 == 0:
                    rate = done * _CHUNK / (time.perf_counter() - began)
                    print(
                        f"  {path.name}: {start + done * _CHUNK} articles, {rate:.0f}/s",
                        file=sys.stderr,
                        flush=True,
                    )
        await bot.store.optimize()  # as `articlebot ingest` does after a bulk ingestion
    finally:
        await bot.close()


def ensure_library(size: int, cache: Path = CACHE, workers: int | None = None) -> Path:
    """The cached SQLite library of `size` articles, built (from a smaller one) when missing."""
    path = library_path(size, cache)
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    prefix = f"library-{_fingerprint()}-"
    smaller = sorted(
        (int(p.stem.removeprefix(prefix)), p)
        for p in cache.glob(f"{prefix}*.db")
        if p.stem.removeprefix(prefix).isdigit() and int(p.stem.removeprefix(prefix)) < size
    )
    partial = path.with_suffix(".building")
    for leftover in cache.glob(partial.name + "*"):
        leftover.unlink()
    start = 0
    if smaller:
        start, source = smaller[-1]
        _copy_db(source, partial)
    print(f"building a library of {size:,} articles from {start:,}…", file=sys.stderr, flush=True)
    asyncio.run(_fill(partial, start, size, workers or os.cpu_count() or 1))
    with closing(sqlite3.connect(partial)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA optimize")
    shutil.move(partial, path)
    return path


def _with_database(server: str, database: str) -> str:
    base, _, _ = server.rpartition("/")
    return f"{base}/{database}"


async def _databases(server: str) -> set[str]:
    conn = await asyncpg.connect(server)
    try:
        return {r[0] for r in await conn.fetch("SELECT datname FROM pg_database")}
    finally:
        await conn.close()


async def _admin(server: str, sql: str) -> None:
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _carry_over(source: Path, target: str) -> None:
    """The SQLite library into an empty PostgreSQL one, by the export/import code."""
    sqlite_bot = await Bot.open(settings_for(source), create=False)
    try:
        data = await (await sqlite_bot.library_named(COMMUNITY)).export()
    finally:
        await sqlite_bot.close()
    postgres_bot = await Bot.open(settings_for(target))
    try:
        await (await postgres_bot.library_named(COMMUNITY)).import_(data)
        await postgres_bot.store.optimize()
    finally:
        await postgres_bot.close()


def ensure_postgres_library(size: int, server: str, cache: Path = CACHE) -> str:
    """The URL of a PostgreSQL library of `size` articles on `server` (a URL of its
    `postgres` database), carried over from the SQLite one when missing."""
    name = f"bench_{_fingerprint()}_{size}"
    if name in asyncio.run(_databases(server)):
        return _with_database(server, name)
    source = ensure_library(size, cache)
    building = f"{name}_building"
    asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{building}"'))
    asyncio.run(_admin(server, f'CREATE DATABASE "{building}"'))
    print(f"carrying {size:,} articles over to PostgreSQL…", file=sys.stderr, flush=True)
    began = time.perf_counter()
    asyncio.run(_carry_over(source, _with_database(server, building)))
    print(f"  done in {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    asyncio.run(_admin(server, f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
    return _with_database(server, name)


def working_copy(server: str, url: str, size: int) -> str:
    """A fresh database cloned from the cached library `url` (commands write summaries)."""
    name = f"bench_work_{size}"
    source = url.rpartition("/")[2]
    asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}"'))
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
    return _with_database(server, name)
