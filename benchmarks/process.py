"""Whole-process figures: start-up to ready, peak RSS of a running bot, database size."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import asyncpg

from benchmarks.figures import Figure
from benchmarks.queries import QuerySet

ROOT = Path(__file__).resolve().parent.parent


def _query_mix(queries: QuerySet, path: Path) -> Path:
    mix = {
        "quote": [f"quote {w}" for w in queries.quote_words],
        "quote by": [f'quote by:"{s}"' for s in queries.speakers],
        "search": [f"search {w}" for w in queries.search_words],
        "summary": [f"summary #{i} long" for i in queries.article_ids],
        "sources": [f"sources {queries.sources_page}"],
        "sources, first page": ["sources"] * 3,
    }
    path.write_text(json.dumps(mix), encoding="utf-8")
    return path


def _run_probe(db: str, mix: Path) -> tuple[float, float, float]:
    """(start-up to ready in s, of which inside Python main, peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARTICLEBOT_LOG_LEVEL": "WARNING"}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.probe", db, str(mix)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    ready = json.loads(child.stdout.readline())
    startup = time.perf_counter() - began
    peak = json.loads(child.stdout.readline())
    child.wait(timeout=600)
    return startup, float(ready["ready_in_process_s"]), float(peak["peak_rss_mb"])


def measure_process(
    db: str, size: int, queries: QuerySet, runs: int, work: Path, engine: str
) -> list[Figure]:
    mix = _query_mix(queries, work / f"mix-{size}.json")
    results = [_run_probe(db, mix) for _ in range(runs)]
    startup = statistics.median(r[0] for r in results)
    in_process = statistics.median(r[1] for r in results)
    peak = max(r[2] for r in results)
    bare_python = statistics.median(_bare_interpreter() for _ in range(runs))
    figures = [
        Figure(
            "start-up to ready",
            size,
            "amount",
            startup,
            "s",
            bare_python,
            "python -c pass",
            "<= 1 s",
            startup <= 1.0,
            {"imports_and_open_s": in_process},
        ),
        Figure(
            "peak RSS of a running bot",
            size,
            "amount",
            peak,
            "MB",
            _bare_rss(),
            "python with aiosqlite imported",
            "<= 150 MB",
            peak <= 150,
        ),
        _db_size(Path(db), size) if engine == "sqlite" else asyncio.run(_pg_size(db, size)),
    ]
    if engine != "sqlite":
        for figure in figures:
            figure.name += " (PostgreSQL)"
    return figures


def _bare_interpreter() -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - began


def _bare_rss() -> float:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import aiosqlite; from benchmarks.probe import peak_rss_mb; print(peak_rss_mb())",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return float(out.stdout)


def _db_size(db: Path, size: int) -> Figure:
    with closing(sqlite3.connect(db)) as conn:
        raw = conn.execute(
            "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM articles"
        ).fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    total = pages * page_size
    notes = {
        "free_pages": free,
        "ratio_without_free_pages": (total - free * page_size) / raw if raw else None,
    }
    return _size_figure(size, total, raw, notes, judged=True)


def _size_figure(
    size: int, total: float, raw: float, notes: dict[str, object], judged: bool
) -> Figure:
    """The library's size beside its raw text; judged against 2.5x on SQLite only (a
    PostgreSQL database holds its own catalogue, about 7 MB, which small libraries show)."""
    articles = max(size, 1)
    return Figure(
        "database size",
        size,
        "amount",
        total / 1e6,
        "MB",
        raw / 1e6,
        "raw article text (UTF-8)",
        "<= 2.5x raw text" if judged else "",
        total <= 2.5 * raw if judged else None,
        {"bytes_per_article": total / articles, "raw_bytes_per_article": raw / articles, **notes},
    )


async def _pg_size(url: str, size: int) -> Figure:
    """The database's size on disk (tables, TOAST, GIN and b-tree indexes) against its text."""
    conn = await asyncpg.connect(url)
    try:
        raw = float(
            await conn.fetchval("SELECT coalesce(sum(octet_length(text)), 0) FROM articles")
        )
        total = float(await conn.fetchval("SELECT pg_database_size(current_database())"))
        indexes = float(
            await conn.fetchval(
                "SELECT coalesce(sum(pg_indexes_size(c.oid)), 0) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace"
            )
        )
    finally:
        await conn.close()
    return _size_figure(size, total, raw, {"indexes_mb": indexes / 1e6}, judged=False)
