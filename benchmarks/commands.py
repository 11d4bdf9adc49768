"""The reading commands at one library size: each end to end against its bare query, on SQLite
or PostgreSQL (figures on PostgreSQL carry the engine in their name)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, Latency
from benchmarks.libraries import COMMUNITY, settings_for
from benchmarks.queries import Bare, BarePostgres, EndToEnd, QuerySet, compare, phrase, settle
from bot.commands.articles import MAX_SEARCH_RESULTS
from bot.core import Bot

Check = Callable[[Latency, Latency], bool]


def _fast(p50: float, p99: float, within: float | None = None) -> Check:
    def check(value: Latency, base: Latency) -> bool:
        ok = value.p50 <= p50 and value.p99 <= p99
        return ok and (within is None or value.p50 <= within * base.p50)

    return check


def _p99(limit: float) -> Check:
    return lambda value, base: value.p99 <= limit


def _suffix(engine: str) -> str:
    return "" if engine == "sqlite" else " (PostgreSQL)"


async def measure_commands(db: str, size: int, queries: QuerySet, engine: str) -> list[Figure]:
    """quote, quote by:, search, summary (cached, uncached) and a sources page at `size`."""
    bot = await Bot.open(settings_for(db))
    bare: Any = Bare(Path(db)) if engine == "sqlite" else await BarePostgres.connect(db)
    ours = EndToEnd(bot)
    try:
        for warm in queries.quote_words[:10]:  # the first queries of a fresh process
            await ours.ask(f"quote {warm}")
            await settle(bare.quote(warm))
        overlap = await _overlap(bot, bare, queries.search_words)
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
        for article_id in uncached:  # forgotten up front: the bare side only reads the text
            await settle(bare.forget_summaries(article_id))
        figures.append(
            await compare(
                "summary (uncached)",
                size,
                uncached,
                lambda i: ours.ask(f"summary #{i}"),
                bare.article_text,
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
        await settle(bare.close())
        await bot.close()
    figures[-2].baseline_name = "bare SQL reading the article text"
    figures[2].notes["top_results_shared_with_full_ranking"] = overlap
    if engine == "sqlite":
        with closing(sqlite3.connect(db)) as conn:
            figures[0].notes["matching_quotations"] = _matches(
                conn, "quotations_fts", queries.quote_words
            )
            figures[2].notes["matching_articles"] = _matches(
                conn, "articles_fts", queries.search_words
            )
    for figure in figures:
        figure.name += _suffix(engine)
    return figures


async def _overlap(bot: Bot, bare: Any, words: list[str]) -> dict[str, float]:
    """How much of the first page of `search` the bounded ranking shares with ranking every
    match: the share of the full ranking's top results the bot also shows (mean, worst)."""
    library = await bot.library_named(COMMUNITY)
    shares: list[float] = []
    for query in words:
        ours = {hit.article.id for hit in await library.search(query, MAX_SEARCH_RESULTS)}
        full = {row[0] for row in await settle(bare.search(query))}
        if full:
            shares.append(len(ours & full) / len(full))
    if not shares:
        return {}
    return {"mean": sum(shares) / len(shares), "worst": min(shares), "queries": len(shares)}


def _matches(conn: sqlite3.Connection, table: str, queries: list[str]) -> dict[str, float]:
    """How many rows the queries match (ranking costs grow with it), median and p90."""
    counts = sorted(
        conn.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (phrase(q),)
        ).fetchone()[0]
        for q in queries
    )
    return {"p50": counts[len(counts) // 2], "p90": counts[int(len(counts) * 0.9)]}
