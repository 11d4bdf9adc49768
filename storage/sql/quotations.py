"""Quotations of a scoped library: by words, by speaker, by article, or one at random."""

from __future__ import annotations

import random

from storage.query import SearchQuery
from storage.rows import ArticleRow, QuotationRow
from storage.sql.database import Database, value
from storage.sql.records import QUOTATION_COLUMNS, Scope, quotation_row
from storage.sql.search import SHORT_QUOTATION, Search

RANDOM_POOL = 200  # matches a random pick with a filter chooses from


class Quotations:
    def __init__(self, db: Database, search: Search, scope: Scope) -> None:
        self._db = db
        self._search = search
        self._scope = scope

    async def find(
        self,
        words: SearchQuery,
        speaker: SearchQuery,
        article: ArticleRow | None = None,
        limit: int = 5,
        offset: int = 0,
    ) -> list[QuotationRow]:
        """Quotations matching the words (in their text) and the speaker, best first."""
        if article is not None and article.community_id not in self._scope.readable:
            return []
        return await self._search.quotations(
            self._db,
            self._scope,
            words,
            speaker,
            article.id if article else None,
            limit,
            offset,
        )

    async def random(
        self, speaker: SearchQuery, article: ArticleRow | None = None
    ) -> QuotationRow | None:
        """One quotation at random: attributed and at least four words long when there is one."""
        if not speaker.empty or article is not None:
            pool = await self.find(SearchQuery(()), speaker, article, limit=RANDOM_POOL)
            full = [q for q in pool if len(q.text.split()) >= SHORT_QUOTATION] or pool
            return random.choice(full) if full else None
        where, params = self._scope.reads("q.community_id")
        for condition in (f"q.speaker != '' AND q.words >= {SHORT_QUOTATION}", "1 = 1"):
            bounds = await self._db.fetchrow(
                f"SELECT min(q.id), max(q.id) FROM quotations q WHERE {where} AND {condition}",
                *params,
            )
            if not bounds or bounds[0] is None:
                continue
            row = await self._db.fetchrow(
                f"SELECT {QUOTATION_COLUMNS} FROM quotations q "
                f"JOIN articles a ON a.id = q.article_id WHERE {where} AND {condition} "
                "AND q.id >= ? ORDER BY q.id LIMIT 1",
                *params,
                random.randint(int(bounds[0]), int(bounds[1])),
            )
            if row:
                return quotation_row(row)
        return None

    async def of(self, article: ArticleRow) -> list[QuotationRow]:
        return await self.find(SearchQuery(()), SearchQuery(()), article, limit=10_000)

    async def count(self, article: ArticleRow) -> int:
        if article.community_id not in self._scope.readable:
            return 0
        return int(
            await value(
                self._db, "SELECT count(*) FROM quotations WHERE article_id = ?", article.id
            )
        )

    async def speakers(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Distinct speakers, the most quoted first, optionally starting with `prefix`."""
        where, params = self._scope.reads("community_id")
        rows = await self._db.fetch(
            f"SELECT speaker FROM quotations WHERE {where} AND speaker != '' "
            "AND lower(speaker) LIKE ? ESCAPE '\\' GROUP BY speaker "
            "ORDER BY count(*) DESC, speaker LIMIT ?",
            *params,
            _like_prefix(prefix.lower()),
            limit,
        )
        return [str(r[0]) for r in rows]


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
