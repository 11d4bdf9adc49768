"""The reading commands at one library size: each end to end against its bare query."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from benchmarks.figures import Figure, Latency
from benchmarks.queries import Bare, EndToEnd, QuerySet, compare, phrase
from bot.config import Settings
from bot.core import Bot


def settings_for(db: Path) -> Settings:
    """Default settings on `db`, without the per-user cooldown (one user sends everything)."""
    return Settings(db=db, cooldown_commands=10**9, log_level="WARNING")


Check = Callable[[Latency, Latency], bool]


def _fast(p50: float, p99: float, within: float | None = None) -> Check:
    def check(value: Latency, base: Latency) -> bool:
        ok = value.p50 <= p50 and value.p99 <= p99
        return ok and (within is None or value.p50 <= within * base.p50)

    return check


def _p99(limit: float) -> Check:
    return lambda value, base: value.p99 <= limit


async def measure_commands(db: Path, size: int, queries: QuerySet) -> list[Figure]:
    """quote, quote by:, search, summary (cached, uncached) and a sources page at `size`."""
    bot = await Bot.open(settings_for(db))
    bare = Bare(db)
    ours = EndToEnd(bot)
    try:
        for warm in queries.quote_words[:10]:  # the first queries of a fresh process
            await ours.ask(f"quote {warm}")
            bare.quote(warm)
        figures = [
            await compare(
                "quote <words>",
                size,
                queries.quote_words,
                lambda w: ours.ask(f"quote {w}"),
                bare.quote,
                "p50 <= 5 ms, p99 <= 25 ms, p50 <= 1.5x bare",
                _fast(5, 25, 1.5),
            ),
            await compare(
                "quote by:<speaker>",
                size,
                queries.speakers,
                lambda s: ours.ask(f'quote by:"{s}"'),
                bare.quote_by,
                "p99 <= 10 ms",
                _p99(10),
            ),
            await compare(
                "search <words>",
                size,
                queries.search_words,
                lambda w: ours.ask(f"search {w}"),
                bare.search,
                "p50 <= 5 ms, p99 <= 25 ms, p50 <= 1.5x bare",
                _fast(5, 25, 1.5),
            ),
            await compare(
                "summary (cached)",
                size,
                queries.article_ids,
                lambda i: ours.ask(f"summary #{i}"),
                bare.summary,
                "p99 <= 2 ms",
                _p99(2),
            ),
        ]
        uncached = sorted(set(queries.article_ids))
        with closing(sqlite3.connect(db, isolation_level=None)) as conn:

            def forget(article_id: int) -> None:
                conn.execute("DELETE FROM summaries WHERE article_id = ?", (article_id,))

            figures.append(
                await compare(
                    "summary (uncached)",
                    size,
                    uncached,
                    lambda i: ours.ask(f"summary #{i}"),
                    bare.article_text,
                    prepare=forget,
                )
            )
        figures.append(
            await compare(
                f"sources page {queries.sources_page}",
                size,
                [queries.sources_page] * len(queries.article_ids),
                lambda p: ours.ask(f"sources {p}"),
                bare.sources,
                "p99 <= 10 ms",
                _p99(10),
            )
        )
    finally:
        bare.close()
        await bot.close()
    figures[-2].baseline_name = "bare SQL reading the article text"
    with closing(sqlite3.connect(db)) as conn:
        figures[0].notes["matching_quotations"] = _matches(
            conn, "quotations_fts", queries.quote_words
        )
        figures[2].notes["matching_articles"] = _matches(conn, "articles_fts", queries.search_words)
    return figures


def _matches(conn: sqlite3.Connection, table: str, queries: list[str]) -> dict[str, float]:
    """How many rows the queries match (ranking costs grow with it), median and p90."""
    counts = sorted(
        conn.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (phrase(q),)
        ).fetchone()[0]
        for q in queries
    )
    return {"p50": counts[len(counts) // 2], "p90": counts[int(len(counts) * 0.9)]}
