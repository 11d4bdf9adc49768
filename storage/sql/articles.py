"""Articles of one community's library, with what is derived from them.

An article lands with its quotations, cited sources and summaries in one transaction, or not at
all. Its number comes from the community's counter, taken under the community's row lock, so
two writers (two processes on PostgreSQL) never hand out the same number, and a removed
article's number is never handed out again.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.errors import StoreError
from storage.query import SearchQuery, cjk_terms
from storage.rows import ArticleRow, CitedSource, NewArticle, SearchHit, Stats
from storage.sql.audit import write_audit
from storage.sql.database import Database, Transaction, value
from storage.sql.records import (
    ARTICLE_COLUMNS,
    ARTICLE_FIELDS,
    EDITABLE_FIELDS,
    Scope,
    article_row,
    now_iso,
)
from storage.sql.search import Marks, Search


class Articles:
    def __init__(self, db: Database, search: Search, scope: Scope) -> None:
        self._db = db
        self._search = search
        self._scope = scope

    # -- writing ----------------------------------------------------------------------------

    async def add(self, article: NewArticle, actor: str, place: str) -> ArticleRow | None:
        """Store an article; None when the community already holds its text or URL."""
        return (await self.add_many([article], actor, place))[0]

    async def add_many(
        self, articles: Sequence[NewArticle], actor: str, place: str
    ) -> list[ArticleRow | None]:
        """Store many articles in one transaction (bulk ingestion); None for a duplicate.

        A duplicate is an article whose text (content hash) or canonical URL is already in the
        community's library, or earlier in the same batch. One commit per batch instead of one
        per article is what makes bulk ingestion fast; the batch still lands whole or not at all.
        """
        stored: list[ArticleRow | None] = []
        async with self._db.transaction() as tx:
            await _lock_counters(tx, self._scope.community)
            for article in articles:
                if await _duplicate(tx, self._scope.community, article) is not None:
                    stored.append(None)
                    continue
                stored.append(await self._insert(tx, article, actor, place))
        return stored

    async def _insert(
        self, tx: Transaction, article: NewArticle, actor: str, place: str
    ) -> ArticleRow:
        community = self._scope.community
        number = await value(
            tx,
            "UPDATE communities SET next_article = next_article + 1 WHERE id = ? "
            "RETURNING next_article - 1",
            community,
        )
        row = await tx.fetchrow(
            "INSERT INTO articles (community_id, number, title, author, outlet, url, "
            "canonical_url, published, language, text, cjk, word_count, content_hash, added_by, "
            "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"RETURNING {ARTICLE_FIELDS}",
            community,
            number,
            article.title,
            article.author,
            article.outlet,
            article.url,
            article.canonical_url,
            article.published,
            article.language,
            article.text,
            cjk_terms(article.title, article.text),
            article.word_count,
            article.content_hash,
            actor,
            now_iso(),
        )
        assert row is not None
        stored = article_row(row)
        await tx.executemany(
            "INSERT INTO quotations(article_id, community_id, text, speaker, cjk, words, "
            "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    stored.id,
                    community,
                    q.text,
                    q.speaker,
                    cjk_terms(q.text),
                    q.length,
                    q.start,
                    q.end,
                )
                for q in article.quotations
            ],
        )
        await tx.executemany(
            "INSERT INTO cited_sources(article_id, kind, name, url) VALUES (?, ?, ?, ?)",
            [(stored.id, s.kind, s.name, s.url) for s in article.sources],
        )
        await tx.executemany(
            "INSERT INTO summaries(article_id, length, engine, text) VALUES (?, ?, ?, ?)",
            [
                (stored.id, length, article.summary_engine, text)
                for length, text in article.summaries.items()
            ],
        )
        await write_audit(
            tx, community, actor, place, "add", f"#{stored.number}", article.title[:200]
        )
        return stored

    async def remove(self, article: ArticleRow, actor: str, place: str) -> ArticleRow | None:
        """Remove an article of this community (and all derived from it); None if gone."""
        async with self._db.transaction() as tx:
            count = await tx.execute(
                "DELETE FROM articles WHERE id = ? AND community_id = ?",
                article.id,
                self._scope.community,
            )
            if not count:
                return None
            await write_audit(
                tx,
                self._scope.community,
                actor,
                place,
                "remove",
                f"#{article.number}",
                article.title[:200],
            )
        return article

    async def edit(
        self, article: ArticleRow, field: str, new: str, actor: str, place: str
    ) -> ArticleRow | None:
        """Set one field of an article of this community; None if it is gone."""
        if field not in EDITABLE_FIELDS:
            raise StoreError(f"{field} cannot be edited")
        extra, params = "", [new]
        if field == "title":  # the index of unspaced scripts covers titles too
            text = await self.text(article) or ""
            extra, params = ", cjk = ?", [new, cjk_terms(new, text)]
        async with self._db.transaction() as tx:
            row = await tx.fetchrow(
                f"UPDATE articles SET {field} = ?{extra} WHERE id = ? AND community_id = ? "
                f"RETURNING {ARTICLE_FIELDS}",
                *params,
                article.id,
                self._scope.community,
            )
            if row is None:
                return None
            await write_audit(
                tx,
                self._scope.community,
                actor,
                place,
                "edit",
                f"#{article.number}",
                f"{field}={new}"[:300],
            )
        return article_row(row)

    async def put_summary(self, article: ArticleRow, length: str, engine: str, text: str) -> None:
        """Cache a summary (any readable article: summaries are derived, not edited)."""
        if article.community_id not in self._scope.readable:
            return
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO summaries(article_id, length, engine, text) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (article_id, length, engine) DO UPDATE SET text = excluded.text",
                article.id,
                length,
                engine,
                text,
            )

    # -- reading ----------------------------------------------------------------------------

    async def get(self, number: int, community: int | None = None) -> ArticleRow | None:
        """Article `#number` of this community (or of a readable one)."""
        community = self._scope.community if community is None else community
        if community not in self._scope.readable:
            return None
        row = await self._db.fetchrow(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.community_id = ? AND a.number = ?",
            community,
            number,
        )
        return article_row(row) if row else None

    async def duplicate_of(self, content_hash: str, canonical_url: str = "") -> ArticleRow | None:
        """The article of this community with this text or canonical URL."""
        probe = NewArticle(
            title="", text="", content_hash=content_hash, word_count=0, canonical_url=canonical_url
        )
        return await _duplicate(self._db, self._scope.community, probe)

    async def content_hashes(self) -> frozenset[str]:
        """The content hash of every article of this community (a bulk ingestion skips those
        before analysis)."""
        rows = await self._db.fetch(
            "SELECT content_hash FROM articles WHERE community_id = ?", self._scope.community
        )
        return frozenset(str(r[0]) for r in rows)

    async def text(self, article: ArticleRow) -> str | None:
        where, params = self._scope.reads("community_id")
        return await value(
            self._db, f"SELECT text FROM articles WHERE id = ? AND {where}", article.id, *params
        )

    async def page(self, offset: int, limit: int) -> list[ArticleRow]:
        """This community's articles, the newest first."""
        rows = await self._db.fetch(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.community_id = ? "
            "ORDER BY a.number DESC LIMIT ? OFFSET ?",
            self._scope.community,
            limit,
            offset,
        )
        return [article_row(r) for r in rows]

    async def count(self) -> int:
        return int(
            await value(
                self._db,
                "SELECT count(*) FROM articles WHERE community_id = ?",
                self._scope.community,
            )
        )

    async def by_title(self, query: SearchQuery, limit: int = 10) -> list[ArticleRow]:
        return await self._search.titles(self._db, self._scope, query, limit)

    async def search(
        self, query: SearchQuery, limit: int, offset: int, marks: Marks
    ) -> list[SearchHit]:
        """Every word must match; when no article has them all, any word may."""
        hits = await self._search.articles(self._db, self._scope, query, limit, offset, marks)
        if hits or offset:
            return hits
        return await self._search.articles(
            self._db, self._scope, query, limit, offset, marks, match_all=False
        )

    async def count_matches(self, query: SearchQuery) -> int:
        return await self._search.count_articles(self._db, self._scope, query)

    async def summary(self, article: ArticleRow, length: str, engine: str) -> str | None:
        where, params = self._scope.reads("a.community_id")
        return await value(
            self._db,
            "SELECT s.text FROM summaries s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.article_id = ? AND s.length = ? AND s.engine = ? AND {where}",
            article.id,
            length,
            engine,
            *params,
        )

    async def sources(self, article: ArticleRow) -> list[CitedSource]:
        where, params = self._scope.reads("a.community_id")
        rows = await self._db.fetch(
            "SELECT s.kind, s.name, s.url FROM cited_sources s "
            f"JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND {where} "
            "ORDER BY s.id",
            article.id,
            *params,
        )
        return [CitedSource(*r) for r in rows]

    async def stats(self) -> Stats:
        community = self._scope.community
        row = await self._db.fetchrow(
            "SELECT count(*), coalesce(sum(word_count), 0) FROM articles WHERE community_id = ?",
            community,
        )
        quotes = await self._db.fetchrow(
            "SELECT count(*), count(DISTINCT nullif(speaker, '')) FROM quotations "
            "WHERE community_id = ?",
            community,
        )
        feeds = await value(
            self._db, "SELECT count(*) FROM feeds WHERE community_id = ?", community
        )
        sources = await value(
            self._db,
            "SELECT count(*) FROM cited_sources s JOIN articles a ON a.id = s.article_id "
            "WHERE a.community_id = ?",
            community,
        )
        top = await self._db.fetch(
            "SELECT speaker, count(*) AS n FROM quotations WHERE community_id = ? "
            "AND speaker != '' GROUP BY speaker ORDER BY n DESC, speaker LIMIT 5",
            community,
        )
        assert row is not None and quotes is not None
        return Stats(
            articles=int(row[0]),
            words=int(row[1]),
            quotations=int(quotes[0]),
            speakers=int(quotes[1]),
            feeds=int(feeds),
            cited_sources=int(sources),
            top_speakers=[(str(s), int(n)) for s, n in top],
        )


async def _lock_counters(tx: Transaction, community: int) -> None:
    """Take the community's row lock before the duplicate checks (PostgreSQL: a concurrent
    writer waits here and then sees what this one stored; SQLite: writers are serial anyway)."""
    await tx.execute("UPDATE communities SET next_article = next_article WHERE id = ?", community)


async def _duplicate(
    db: Database | Transaction, community: int, article: NewArticle
) -> ArticleRow | None:
    """The article with this text or canonical URL, by index: one `OR` of both would make
    SQLite scan the whole table (hundreds of ms per added article at 100,000 articles)."""
    row = await db.fetchrow(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.community_id = ? AND a.content_hash = ?",
        community,
        article.content_hash,
    )
    if row is None and article.canonical_url:
        row = await db.fetchrow(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.community_id = ? "
            "AND a.canonical_url = ?",
            community,
            article.canonical_url,
        )
    return article_row(row) if row else None
