"""Chat commands end to end (parse, store, render to text) against the bare SQL that answers them.

Both sides run on the same database, query by query, alternating which goes first so neither
always finds a cache warmed by the other. The bare side is one plain connection (`sqlite3`, or
asyncpg for PostgreSQL) running the one statement that fetches what the reply shows, ranking
every match (the bot ranks a bounded set of candidates; `overlap` says what that costs).
"""

from __future__ import annotations

import inspect
import random
import sqlite3
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from benchmarks.figures import Figure, Latency
from benchmarks.generate import VOCABULARY
from benchmarks.libraries import COMMUNITY
from bot.commands.articles import MAX_SEARCH_RESULTS
from bot.core import Bot
from bot.models import Request, Role
from bot.render_text import render_first

_COMMON = set(VOCABULARY[:150])
_ARTICLE = "a.id, a.title, a.author, a.outlet, a.url, a.published"
PER_PAGE = 10


@dataclass(frozen=True)
class QuerySet:
    """What members ask, drawn from the library itself (they quote what they have read)."""

    quote_words: list[str]
    speakers: list[str]
    search_words: list[str]
    article_ids: list[int]
    sources_page: int


def _content_words(text: str) -> list[str]:
    words = [w.strip(".,;:!?“”\"'").lower() for w in text.split()]
    return [w for w in words if len(w) > 2 and w.isalpha() and w not in _COMMON]


def pick_queries(db: Path, n: int, seed: int = 5) -> QuerySet:
    rng = random.Random(seed)
    with closing(sqlite3.connect(db)) as conn:
        top_quote = conn.execute("SELECT max(id) FROM quotations").fetchone()[0] or 0
        top_article = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        quote_words: list[str] = []
        speakers: list[str] = []
        search_words: list[str] = []
        while len(quote_words) < n or len(speakers) < n:
            row = conn.execute(
                "SELECT text, speaker FROM quotations WHERE id >= ? ORDER BY id LIMIT 1",
                (rng.randint(1, top_quote),),
            ).fetchone()
            words = _content_words(row[0])
            if len(words) >= 3 and len(quote_words) < n:
                k = rng.choice((2, 3))
                start = rng.randrange(len(words) - k + 1)
                quote_words.append(" ".join(words[start : start + k]))
            if row[1] and len(speakers) < n:
                speakers.append(row[1])
        while len(search_words) < n:
            title = conn.execute(
                "SELECT title FROM articles WHERE id >= ? ORDER BY id LIMIT 1",
                (rng.randint(1, top_article),),
            ).fetchone()[0]
            words = _content_words(title)
            if words:
                search_words.append(
                    " ".join(rng.sample(words, min(len(words), rng.choice((1, 2)))))
                )
        ids = [rng.randint(1, top_article) for _ in range(n)]
    pages = max(1, -(-count // PER_PAGE))
    return QuerySet(quote_words, speakers, search_words, ids, min(50, pages))


def phrase(words: str) -> str:
    """Every word, as a quoted FTS5 string (as the SQLite store matches plain words)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words.lower().split())


async def settle(value: Any) -> Any:
    """The value, awaited when it is awaitable: the SQLite floor answers at once, asyncpg's
    later, and both stand behind the same calls."""
    return await value if inspect.isawaitable(value) else value


class Bare:
    """The floor on SQLite: one statement on a plain sqlite3 connection, fetched whole."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None)
        self.conn.execute("PRAGMA cache_size = -16000")

    def close(self) -> None:
        self.conn.close()

    def forget_summaries(self, article_id: int) -> None:
        self.conn.execute("DELETE FROM summaries WHERE article_id = ?", (article_id,))

    def run(self, sql: str, params: Sequence[Any]) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def quote(self, words: str) -> list[Any]:
        return self.run(
            "SELECT q.text, q.speaker, " + _ARTICLE + " FROM quotations_fts f "
            "JOIN quotations q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id "
            "WHERE quotations_fts MATCH ? ORDER BY rank LIMIT 50",
            (phrase(words),),
        )

    def quote_by(self, speaker: str) -> list[Any]:
        """The newest 50 quotations of a speaker (by relevance, all are equal)."""
        return self.run(
            "SELECT q.text, q.speaker, " + _ARTICLE + " FROM quotations_fts f "
            "JOIN quotations q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id "
            "WHERE quotations_fts MATCH ? ORDER BY f.rowid DESC LIMIT 50",
            ("{speaker} : (" + phrase(speaker) + ")",),
        )

    def search(self, words: str) -> list[Any]:
        return self.run(
            "SELECT " + _ARTICLE + ", snippet(articles_fts, 1, '*', '*', '…', 14) "
            "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? ORDER BY rank LIMIT {MAX_SEARCH_RESULTS}",
            (phrase(words),),
        )

    def summary(self, article_id: int) -> list[Any]:
        return self.run(
            "SELECT " + _ARTICLE + ", s.text FROM articles a "
            "LEFT JOIN summaries s ON s.article_id = a.id AND s.length = 'medium' "
            "AND s.engine = 'extractive' WHERE a.id = ?",
            (article_id,),
        )

    def article_text(self, article_id: int) -> list[Any]:
        return self.run(f"SELECT {_ARTICLE}, a.text FROM articles a WHERE a.id = ?", (article_id,))

    def sources(self, page: int) -> list[Any]:
        count = self.run("SELECT count(*) FROM articles", ())
        rows = self.run(
            f"SELECT {_ARTICLE} FROM articles a ORDER BY a.id DESC LIMIT ? OFFSET ?",
            (PER_PAGE, (page - 1) * PER_PAGE),
        )
        return count + rows


_PG_WORDS = "plainto_tsquery('articlebot', $1)"


class BarePostgres:
    """The floor on PostgreSQL: the same statements on one plain asyncpg connection."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    @classmethod
    async def connect(cls, url: str) -> BarePostgres:
        return cls(await asyncpg.connect(url))

    async def close(self) -> None:
        await self.conn.close()

    async def forget_summaries(self, article_id: int) -> None:
        await self.conn.execute("DELETE FROM summaries WHERE article_id = $1", article_id)

    async def run(self, sql: str, *params: Any) -> list[Any]:
        return list(await self.conn.fetch(sql, *params))

    async def quote(self, words: str) -> list[Any]:
        return await self.run(
            "SELECT q.text, q.speaker, " + _ARTICLE + " FROM quotations q "
            f"JOIN articles a ON a.id = q.article_id WHERE q.tsv @@ {_PG_WORDS} "
            f"ORDER BY ts_rank(q.tsv, {_PG_WORDS}) DESC LIMIT 50",
            words,
        )

    async def quote_by(self, speaker: str) -> list[Any]:
        return await self.run(
            "SELECT q.text, q.speaker, " + _ARTICLE + " FROM quotations q "
            f"JOIN articles a ON a.id = q.article_id WHERE q.speaker_tsv @@ {_PG_WORDS} "
            "ORDER BY q.id DESC LIMIT 50",
            speaker,
        )

    async def search(self, words: str) -> list[Any]:
        return await self.run(
            f"SELECT {_ARTICLE}, ts_headline('articlebot', a.text, {_PG_WORDS}) FROM articles a "
            f"WHERE a.tsv @@ {_PG_WORDS} ORDER BY ts_rank(a.tsv, {_PG_WORDS}) DESC "
            f"LIMIT {MAX_SEARCH_RESULTS}",
            words,
        )

    async def summary(self, article_id: int) -> list[Any]:
        return await self.run(
            "SELECT " + _ARTICLE + ", s.text FROM articles a "
            "LEFT JOIN summaries s ON s.article_id = a.id AND s.length = 'medium' "
            "AND s.engine = 'extractive' WHERE a.id = $1",
            article_id,
        )

    async def article_text(self, article_id: int) -> list[Any]:
        return await self.run(
            f"SELECT {_ARTICLE}, a.text FROM articles a WHERE a.id = $1", article_id
        )

    async def sources(self, page: int) -> list[Any]:
        count = await self.run("SELECT count(*) FROM articles")
        rows = await self.run(
            f"SELECT {_ARTICLE} FROM articles a ORDER BY a.id DESC LIMIT $1 OFFSET $2",
            PER_PAGE,
            (page - 1) * PER_PAGE,
        )
        return count + rows


class EndToEnd:
    """A member's message through `Bot.handle` and rendered to text, as the console shows it."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.prefix = bot.settings.prefix

    async def ask(self, text: str, user: str = "bench") -> str:
        request = Request(
            user, "Bench", Role.MEMBER, "console", self.prefix + text, space=f"console:{COMMUNITY}"
        )
        reply = await self.bot.handle(request)
        if reply is None:
            raise RuntimeError(f"no reply to {text!r}")
        return render_first(reply, self.prefix)


async def compare(
    name: str,
    size: int,
    items: Sequence[Any],
    end_to_end: Callable[[Any], Awaitable[str]],
    bare: Callable[[Any], list[Any] | Awaitable[list[Any]]],
    target: str = "",
    check: Callable[[Latency, Latency], bool] | None = None,
    prepare: Callable[[Any], None] | None = None,
) -> Figure:
    """Time each item both ways, alternating the order; a figure with its baseline."""
    ours: list[float] = []
    floor: list[float] = []
    for index, item in enumerate(items):
        if prepare is not None:
            prepare(item)
        order = (0, 1) if index % 2 else (1, 0)
        for side in order:
            began = time.perf_counter()
            if side == 0:
                await end_to_end(item)
                ours.append(time.perf_counter() - began)
            else:
                await settle(bare(item))
                floor.append(time.perf_counter() - began)
    value, base = Latency.of(ours), Latency.of(floor)
    return Figure(
        name,
        size,
        "latency",
        value,
        "ms",
        base,
        "bare query, every match ranked",
        target,
        check(value, base) if check else None,
    )
