"""The one SQLite store every adapter shares (aiosqlite, WAL, FTS5).

Two connections: reads go to one and see committed snapshots only (WAL); writes go to the other,
one transaction at a time behind an asyncio lock, so a half-written article is never visible and
concurrent commands never meet "database is locked".
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from storage import fts
from storage.migrations import MIGRATIONS, SCHEMA_VERSION
from storage.rows import (
    ArticleRow,
    AuditEntry,
    CitedSource,
    FeedRow,
    NewArticle,
    QuotationRow,
    SearchHit,
    Stats,
)

log = logging.getLogger(__name__)

EDITABLE_FIELDS = ("title", "author", "outlet", "url", "published")
_ARTICLE_COLUMNS = (
    "a.id, a.title, a.author, a.outlet, a.url, a.published, a.word_count, a.content_hash, "
    "a.added_by, a.added_at, a.canonical_url, a.language"
)
_QUOTE_COLUMNS = (
    "q.id, q.article_id, q.text, q.speaker, q.start, q.end, a.title, a.outlet, a.url, a.published"
)
HIGHLIGHT_START, HIGHLIGHT_END = "\x02", "\x03"


class StoreError(RuntimeError):
    """The store could not complete an operation; nothing was changed."""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _article(row: Sequence[Any]) -> ArticleRow:
    return ArticleRow(*row)


def _quotation(row: Sequence[Any]) -> QuotationRow:
    return QuotationRow(*row)


class Store:
    """Async access to the library. Create with `await Store.open(path)`."""

    def __init__(self, path: Path, reader: aiosqlite.Connection, writer: aiosqlite.Connection):
        self.path = path
        self._reader = reader
        self._writer = writer
        self._write_lock = asyncio.Lock()

    # -- life cycle -------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: str | Path) -> Store:
        path = Path(path)
        try:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            # Probe synchronously: a failed aiosqlite connect leaves its thread behind.
            sqlite3.connect(path).close()
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"cannot open the library at {path}: {err}") from None
        writer = await cls._connect(path)
        try:
            await cls._migrate(writer)
            reader = await cls._connect(path)
        except BaseException:
            await writer.close()
            raise
        await reader.execute("PRAGMA query_only = ON")
        return cls(path, reader, writer)

    @staticmethod
    async def _connect(path: Path) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(path, isolation_level=None)
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA busy_timeout = 10000")
        await conn.execute("PRAGMA cache_size = -16000")
        return conn

    @staticmethod
    async def _migrate(conn: aiosqlite.Connection) -> None:
        async with conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database is at schema version {version}, newer than this articlebot "
                f"({SCHEMA_VERSION}); upgrade articlebot"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[number - 1]
            log.info("migrating the database to schema version %d", number)
            # executescript commits first; wrap each step so it applies whole or not at all.
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    async def close(self) -> None:
        await self._reader.close()
        await self._writer.close()

    async def optimize(self) -> None:
        """Merge each full-text index into one segment, after a bulk ingestion.

        Thousands of added articles leave the FTS5 indexes in many segments, and every query
        reads each of them: merged, a quotation search at 100,000 articles takes half the time.
        Takes seconds at that size and holds the write lock meanwhile.
        """
        async with self.transaction() as conn:
            await conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
            await conn.execute("INSERT INTO quotations_fts(quotations_fts) VALUES ('optimize')")
        await self._writer.execute("PRAGMA optimize")

    async def schema_version(self) -> int:
        return int((await self._one("PRAGMA user_version"))[0])

    # -- helpers ----------------------------------------------------------------------------

    # One round trip to the reader's thread per query (execute, fetch and close as separate
    # awaits cost three thread hand-offs, which dominate a sub-millisecond indexed read).

    async def _all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return list(await self._reader.execute_fetchall(sql, tuple(params)))

    async def _one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        rows = list(await self._reader.execute_fetchall(sql, tuple(params)))
        return rows[0] if rows else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed whole on success, rolled back on any error."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
                await self._writer.execute("COMMIT")
            except BaseException:
                # SQLite may have rolled back already (a full disk does): a second ROLLBACK
                # would raise and hide the real error, a failed COMMIT would leave it open.
                if self._writer.in_transaction:
                    await self._writer.execute("ROLLBACK")
                raise

    async def _audit(
        self,
        conn: aiosqlite.Connection,
        actor: str,
        place: str,
        action: str,
        target: str,
        detail: str = "",
    ) -> None:
        await conn.execute(
            "INSERT INTO audit_log(at, actor, place, action, target, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), actor, place, action, target, detail),
        )

    async def log_action(
        self, actor: str, place: str, action: str, target: str = "", detail: str = ""
    ) -> None:
        """Record an action (or a refused attempt) in the audit log."""
        async with self.transaction() as conn:
            await self._audit(conn, actor, place, action, target, detail)

    # -- articles ---------------------------------------------------------------------------

    async def add_article(self, article: NewArticle, actor: str, place: str) -> int:
        """Store an article with its quotations, sources and summaries; returns its id."""
        async with self.transaction() as conn:
            return await self._insert_article(conn, article, actor, place)

    async def add_articles(
        self, articles: Sequence[NewArticle], actor: str, place: str
    ) -> list[int | None]:
        """Store many articles in one transaction (bulk ingestion); None for a duplicate.

        A duplicate is an article whose text (content hash) or canonical URL is already in the
        library, or earlier in the same batch. One commit per batch instead of one per article
        is what makes bulk ingestion fast; the batch is still applied whole or not at all.
        """
        ids: list[int | None] = []
        async with self.transaction() as conn:
            for article in articles:
                async with conn.execute(
                    *_duplicate_query(article.content_hash, article.canonical_url)
                ) as cur:
                    duplicate = await cur.fetchone() is not None
                if duplicate:
                    ids.append(None)
                else:
                    ids.append(await self._insert_article(conn, article, actor, place))
        return ids

    async def _insert_article(
        self, conn: aiosqlite.Connection, article: NewArticle, actor: str, place: str
    ) -> int:
        cur = await conn.execute(
            "INSERT INTO articles(title, author, outlet, url, published, text, word_count, "
            "content_hash, added_by, added_at, canonical_url, language) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.title,
                article.author,
                article.outlet,
                article.url,
                article.published,
                article.text,
                article.word_count,
                article.content_hash,
                actor,
                now_iso(),
                article.canonical_url,
                article.language,
            ),
        )
        article_id = cur.lastrowid
        assert article_id is not None
        await self._write_derived(conn, article_id, article)
        await self._audit(conn, actor, place, "add", f"#{article_id}", article.title[:200])
        return article_id

    async def _write_derived(
        self, conn: aiosqlite.Connection, article_id: int, article: NewArticle
    ) -> None:
        await conn.executemany(
            "INSERT INTO quotations(article_id, text, speaker, start, end) VALUES (?, ?, ?, ?, ?)",
            [(article_id, q.text, q.speaker, q.start, q.end) for q in article.quotations],
        )
        await conn.executemany(
            "INSERT INTO cited_sources(article_id, kind, name, url) VALUES (?, ?, ?, ?)",
            [(article_id, s.kind, s.name, s.url) for s in article.sources],
        )
        await conn.executemany(
            "INSERT INTO summaries(article_id, length, engine, text) VALUES (?, ?, ?, ?)",
            [
                (article_id, length, article.summary_engine, text)
                for length, text in article.summaries.items()
            ],
        )

    async def find_duplicate(self, content_hash: str, canonical_url: str = "") -> ArticleRow | None:
        row = await self._one(*_duplicate_query(content_hash, canonical_url))
        return _article(row) if row else None

    async def content_hashes(self) -> frozenset[str]:
        """The content hash of every article (a bulk ingestion skips those before analysis).

        One string from SQLite, split here: a row per article would cost the event loop tens
        of milliseconds at 100,000 articles."""
        row = await self._one("SELECT group_concat(content_hash, ' ') FROM articles")
        return frozenset(str(row[0] or "").split())

    async def get_article(self, article_id: int) -> ArticleRow | None:
        row = await self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        )
        return _article(row) if row else None

    async def article_text(self, article_id: int) -> str | None:
        row = await self._one("SELECT text FROM articles WHERE id = ?", (article_id,))
        return str(row[0]) if row else None

    async def find_by_title(self, words: str, limit: int = 10) -> list[ArticleRow]:
        """Articles whose title holds every word (the last one as a prefix), best first."""
        query = fts.match_all(words, column="title", prefix_last=True)
        if query is None:
            return []
        rows = await self._all(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH ? AND rank MATCH 'bm25(10.0, 0.0)' ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [_article(r) for r in rows]

    async def list_articles(self, offset: int, limit: int) -> list[ArticleRow]:
        rows = await self._all(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a ORDER BY a.id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_article(r) for r in rows]

    async def count_articles(self) -> int:
        return int((await self._one("SELECT count(*) FROM articles"))[0])

    async def search_articles(self, words: str, limit: int, offset: int = 0) -> list[SearchHit]:
        """Articles ranked by bm25 (title weighs more), with a highlighted snippet."""
        hits: list[SearchHit] = []
        for query in (fts.match_all(words), fts.match_any(words)):
            if query is None:
                return []
            # `ORDER BY rank` (bm25 with these weights) lets FTS5 sort and cut at the LIMIT
            # before snippets are made; `ORDER BY bm25(...)` would make a snippet for every
            # matching article and sort afterwards (4x slower at 10,000 articles).
            rows = await self._all(
                f"SELECT {_ARTICLE_COLUMNS}, snippet(articles_fts, 1, ?, ?, '…', 14), f.rank "
                "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                "WHERE articles_fts MATCH ? AND rank MATCH 'bm25(5.0, 1.0)' "
                "ORDER BY f.rank LIMIT ? OFFSET ?",
                (HIGHLIGHT_START, HIGHLIGHT_END, query, limit, offset),
            )
            hits = [SearchHit(_article(r[:12]), str(r[12]), float(r[13])) for r in rows]
            if hits or offset:
                break
        return hits

    async def remove_article(self, article_id: int, actor: str, place: str) -> ArticleRow | None:
        async with self.transaction() as conn:
            async with conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                return None
            await conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            await self._audit(conn, actor, place, "remove", f"#{article_id}", str(row[1])[:200])
        return _article(row)

    async def edit_article(
        self, article_id: int, field_name: str, value: str, actor: str, place: str
    ) -> ArticleRow | None:
        if field_name not in EDITABLE_FIELDS:
            raise StoreError(f"{field_name} cannot be edited")
        async with self.transaction() as conn:
            cur = await conn.execute(
                f"UPDATE articles SET {field_name} = ? WHERE id = ?", (value, article_id)
            )
            if cur.rowcount == 0:
                return None
            await self._audit(
                conn, actor, place, "edit", f"#{article_id}", f"{field_name}={value}"[:300]
            )
        return await self.get_article(article_id)

    # -- quotations -------------------------------------------------------------------------

    async def search_quotations(
        self,
        words: str = "",
        speaker: str = "",
        article_id: int | None = None,
        limit: int = 5,
        offset: int = 0,
    ) -> list[QuotationRow]:
        """Quotations matching the words and/or the speaker, best first."""
        parts = [q for q in (fts.match_all(words), fts.match_all(speaker, "speaker")) if q]
        where, params = [], []  # type: tuple[list[str], list[Any]]
        if article_id is not None:
            where.append("q.article_id = ?")
            params.append(article_id)
        if not parts:
            sql = (
                f"SELECT {_QUOTE_COLUMNS} FROM quotations q JOIN articles a ON a.id = q.article_id"
                + (f" WHERE {' AND '.join(where)}" if where else "")
                + " ORDER BY q.id LIMIT ? OFFSET ?"
            )
            return [_quotation(r) for r in await self._all(sql, [*params, limit, offset])]
        # FTS5 sorts by `rank` itself and stops at the LIMIT; `ORDER BY bm25(...)` would join
        # every match to its article and sort them all. A speaker alone says nothing about
        # relevance (every match is that person), so the newest come first, read in rowid
        # order straight from the index.
        order = "f.rowid DESC" if not fts.terms(words) else "rank"
        sql = (
            f"SELECT {_QUOTE_COLUMNS} FROM quotations_fts f "
            "JOIN quotations q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id "
            "WHERE quotations_fts MATCH ? AND rank MATCH 'bm25(1.0, 2.0)'"
            + "".join(f" AND {w}" for w in where)
            + f" ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = await self._all(sql, [" AND ".join(parts), *params, limit, offset])
        return [_quotation(r) for r in rows]

    async def random_quotation(
        self, speaker: str = "", article_id: int | None = None
    ) -> QuotationRow | None:
        matches = await self.search_quotations(
            speaker=speaker, article_id=article_id, limit=200, offset=0
        )
        if speaker or article_id is not None:
            return random.choice(matches) if matches else None
        row = await self._one("SELECT max(id) FROM quotations")
        if not row or row[0] is None:
            return None
        found = await self._one(
            f"SELECT {_QUOTE_COLUMNS} FROM quotations q JOIN articles a ON a.id = q.article_id "
            "WHERE q.id >= ? ORDER BY q.id LIMIT 1",
            (random.randint(1, int(row[0])),),
        )
        return _quotation(found) if found else None

    async def quotations_of(self, article_id: int) -> list[QuotationRow]:
        return await self.search_quotations(article_id=article_id, limit=10_000)

    async def count_quotations(self, article_id: int) -> int:
        row = await self._one("SELECT count(*) FROM quotations WHERE article_id = ?", (article_id,))
        return int(row[0])

    async def speakers(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Distinct speakers, the most quoted first, optionally starting with `prefix`."""
        rows = await self._all(
            "SELECT speaker FROM quotations WHERE speaker != '' AND speaker LIKE ? ESCAPE '\\' "
            "GROUP BY speaker ORDER BY count(*) DESC LIMIT ?",
            (_like_prefix(prefix), limit),
        )
        return [str(r[0]) for r in rows]

    async def titles(self, words: str = "", limit: int = 25) -> list[ArticleRow]:
        if fts.terms(words):
            return await self.find_by_title(words, limit)
        return await self.list_articles(0, limit)

    # -- summaries and sources --------------------------------------------------------------

    async def get_summary(self, article_id: int, length: str) -> str | None:
        row = await self._one(
            "SELECT text FROM summaries WHERE article_id = ? AND length = ?", (article_id, length)
        )
        return str(row[0]) if row else None

    async def put_summary(self, article_id: int, length: str, engine: str, text: str) -> None:
        async with self.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO summaries(article_id, length, engine, text) "
                "VALUES (?, ?, ?, ?)",
                (article_id, length, engine, text),
            )

    async def sources_of(self, article_id: int) -> list[CitedSource]:
        rows = await self._all(
            "SELECT kind, name, url FROM cited_sources WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return [CitedSource(*r) for r in rows]

    # -- statistics and audit ----------------------------------------------------------------

    async def stats(self) -> Stats:
        articles, words = await self._one(
            "SELECT count(*), coalesce(sum(word_count), 0) FROM articles"
        )
        quotations, speakers = await self._one(
            "SELECT count(*), count(DISTINCT nullif(speaker, '')) FROM quotations"
        )
        feeds = (await self._one("SELECT count(*) FROM feeds"))[0]
        sources = (await self._one("SELECT count(*) FROM cited_sources"))[0]
        pages = (await self._one("PRAGMA page_count"))[0]
        page_size = (await self._one("PRAGMA page_size"))[0]
        top = await self._all(
            "SELECT speaker, count(*) AS n FROM quotations WHERE speaker != '' "
            "GROUP BY speaker ORDER BY n DESC LIMIT 5"
        )
        return Stats(
            int(articles),
            int(quotations),
            int(speakers),
            int(words),
            int(feeds),
            int(sources),
            int(pages) * int(page_size),
            [(str(s), int(n)) for s, n in top],
        )

    async def audit_entries(self, limit: int = 100) -> list[AuditEntry]:
        rows = await self._all(
            "SELECT id, at, actor, place, action, target, detail FROM audit_log "
            "ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*r) for r in rows]

    # -- feeds ------------------------------------------------------------------------------

    async def add_feed(
        self, url: str, place: str, title: str, interval: int, actor: str
    ) -> tuple[int, bool]:
        """Subscribe `place` to a feed; returns (id, created)."""
        async with self.transaction() as conn:
            async with conn.execute(
                "SELECT id FROM feeds WHERE url = ? AND place = ?", (url, place)
            ) as cur:
                existing = await cur.fetchone()
            if existing:
                return int(existing[0]), False
            cur2 = await conn.execute(
                "INSERT INTO feeds(url, place, title, interval_seconds, added_by, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (url, place, title, interval, actor, now_iso()),
            )
            feed_id = cur2.lastrowid
            assert feed_id is not None
            await self._audit(conn, actor, place, "feed add", f"feed {feed_id}", url[:300])
        return feed_id, True

    async def feeds(self, place: str | None = None) -> list[FeedRow]:
        sql = "SELECT * FROM feeds" + (" WHERE place = ?" if place is not None else "")
        rows = await self._all(sql + " ORDER BY id", (place,) if place is not None else ())
        return [FeedRow(*r) for r in rows]

    async def get_feed(self, feed_id: int) -> FeedRow | None:
        row = await self._one("SELECT * FROM feeds WHERE id = ?", (feed_id,))
        return FeedRow(*row) if row else None

    async def remove_feed(self, feed_id: int, actor: str, place: str) -> FeedRow | None:
        feed = await self.get_feed(feed_id)
        if feed is None:
            return None
        async with self.transaction() as conn:
            await conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            await self._audit(conn, actor, place, "feed remove", f"feed {feed_id}", feed.url[:300])
        return feed

    async def update_feed(self, feed_id: int, **values: Any) -> None:
        allowed = {"title", "etag", "last_modified", "failures", "paused_reason", "next_poll_at"}
        unknown = set(values) - allowed
        if unknown:
            raise StoreError(f"unknown feed columns: {sorted(unknown)}")
        if not values:
            return
        assignments = ", ".join(f"{name} = ?" for name in values)
        async with self.transaction() as conn:
            await conn.execute(
                f"UPDATE feeds SET {assignments} WHERE id = ?", (*values.values(), feed_id)
            )

    async def seen_entries(self, feed_id: int, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        rows = await self._all(
            f"SELECT entry_key FROM feed_entries WHERE feed_id = ? AND entry_key IN ({marks})",
            (feed_id, *keys),
        )
        return {str(r[0]) for r in rows}

    async def mark_entry(
        self, feed_id: int, key: str, article_id: int | None, announced: bool
    ) -> None:
        async with self.transaction() as conn:
            await conn.execute(
                "INSERT INTO feed_entries(feed_id, entry_key, article_id, seen_at, announced) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(feed_id, entry_key) DO UPDATE SET "
                "article_id = coalesce(excluded.article_id, article_id), "
                "announced = max(announced, excluded.announced)",
                (feed_id, key, article_id, now_iso(), int(announced)),
            )

    # -- adapter state ----------------------------------------------------------------------

    async def get_state(self, key: str) -> str | None:
        row = await self._one("SELECT value FROM adapter_state WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set_state(self, key: str, value: str) -> None:
        async with self.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO adapter_state(key, value) VALUES (?, ?)", (key, value)
            )

    # -- export / import --------------------------------------------------------------------

    async def export_library(self) -> dict[str, Any]:
        """Everything a library holds, as JSON-ready data (see `import_library`)."""
        tables = ("articles", "quotations", "summaries", "cited_sources", "audit_log", "feeds")
        data: dict[str, Any] = {"format": "articlebot-library", "schema": SCHEMA_VERSION}
        for table in tables:
            async with self._reader.execute(f"SELECT * FROM {table}") as cur:
                names = [d[0] for d in cur.description]
                data[table] = [dict(zip(names, row, strict=True)) for row in await cur.fetchall()]
        return data

    async def import_library(self, data: dict[str, Any]) -> int:
        """Load an export into an empty library, whole or not at all; returns articles loaded."""
        if not isinstance(data, dict) or data.get("format") != "articlebot-library":
            raise StoreError("not an articlebot library export")
        schema = data.get("schema")
        if not isinstance(schema, int) or not 1 <= schema <= SCHEMA_VERSION:
            raise StoreError(
                f"the export is of schema version {schema!r}; this articlebot reads 1 to "
                f"{SCHEMA_VERSION}"
            )
        if await self.count_articles():
            raise StoreError("the library is not empty; import into a new database")
        tables = ("articles", "quotations", "summaries", "cited_sources", "audit_log", "feeds")
        try:
            async with self.transaction() as conn:
                for table in tables:
                    await self._import_rows(conn, table, data.get(table, []))
        except sqlite3.Error as err:
            raise StoreError(f"the export is damaged ({err}); nothing was imported") from None
        return len(data.get("articles", []))

    @staticmethod
    async def _import_rows(conn: aiosqlite.Connection, table: str, rows: Any) -> None:
        async with conn.execute(f"PRAGMA table_info({table})") as cur:
            columns = {str(r[1]) for r in await cur.fetchall()}
        if not isinstance(rows, list):
            raise StoreError(f"{table} is not a list of rows: not an export")
        for row in rows:
            if not isinstance(row, dict) or not set(row) <= columns:
                raise StoreError(f"unexpected columns in {table}: not an export")
            names = ", ".join(row)
            marks = ", ".join("?" * len(row))
            await conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values())
            )

    async def checksum(self) -> str:
        """A digest of every row of the library (for tests that prove nothing changed)."""
        digest = hashlib.sha256()
        for table in ("articles", "quotations", "summaries", "cited_sources", "feeds"):
            for row in await self._all(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(json.dumps(list(row), default=str).encode())
        return digest.hexdigest()


def _duplicate_query(content_hash: str, canonical_url: str) -> tuple[str, tuple[str, ...]]:
    """The article with this text or canonical URL, by index: one `OR` of both would make
    SQLite scan the whole table (hundreds of ms per added article at 100,000 articles)."""
    sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.content_hash = ?"
    if not canonical_url:
        return sql + " LIMIT 1", (content_hash,)
    return (
        f"{sql} UNION ALL SELECT {_ARTICLE_COLUMNS} FROM articles a "
        "WHERE a.canonical_url = ? AND a.canonical_url != '' LIMIT 1",
        (content_hash, canonical_url),
    )


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
