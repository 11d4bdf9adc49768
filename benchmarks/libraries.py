"""Synthetic libraries of 1k, 10k, 100k articles, built once and cached in `benchmarks/.cache/`.

A library of N articles holds articles 0..N-1 of the generator, so a bigger one is built from a
copy of the biggest smaller one already cached. Articles are analysed by the project's own
pipeline in worker processes and written in batches through `Store.add_articles`, the same path
as `articlebot ingest`.
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

from benchmarks.generate import VERSION, article
from bot.ingest.pipeline import analyse
from storage import NewArticle, Store
from storage.migrations import MIGRATIONS

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 1
_CHUNK = 250


def _fingerprint() -> str:
    """Changes with the generator or the schema, so a stale cached library is never used."""
    digest = hashlib.sha256(f"{VERSION}:{SEED}:{MIGRATIONS}".encode()).hexdigest()
    return digest[:10]


def library_path(size: int, cache: Path = CACHE) -> Path:
    return cache / f"library-{_fingerprint()}-{size}.db"


def _analysed(start: int, stop: int) -> list[NewArticle]:
    return [analyse(article(i, SEED).document()) for i in range(start, stop)]


def _copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a WAL database (sqlite backup, not a file copy)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


async def _fill(path: Path, start: int, stop: int, workers: int) -> None:
    store = await Store.open(path)
    loop = asyncio.get_running_loop()
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            bounds = [(i, min(i + _CHUNK, stop)) for i in range(start, stop, _CHUNK)]
            futures = [loop.run_in_executor(pool, _analysed, a, b) for a, b in bounds]
            began = time.perf_counter()
            for done, future in enumerate(futures, 1):
                await store.add_articles(await future, "benchmark", "bench")
                if done % 20 == 0:
                    rate = done * _CHUNK / (time.perf_counter() - began)
                    print(
                        f"  {path.name}: {start + done * _CHUNK} articles, {rate:.0f}/s",
                        file=sys.stderr,
                        flush=True,
                    )
    finally:
        await store.close()


async def _optimize(path: Path) -> None:
    store = await Store.open(path)
    try:
        await store.optimize()
    finally:
        await store.close()


def ensure_library(size: int, cache: Path = CACHE, workers: int | None = None) -> Path:
    """The cached library of `size` articles, built (from a smaller one) when missing."""
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
    asyncio.run(_optimize(partial))  # as `articlebot ingest` does after a bulk ingestion
    with closing(sqlite3.connect(partial)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA optimize")
    shutil.move(partial, path)
    return path
