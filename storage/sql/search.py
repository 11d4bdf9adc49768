"""The port each engine implements for full-text search over a scoped library.

Both engines answer the same questions the same way: every word (a "quoted phrase" in order)
must match, else any word; ranking looks at a bounded set of candidates — the newest matches,
and the newest whose title matches — so a common word costs the same at 100,000 articles as at
1,000; quotations of fewer than four words never lead a result.
"""

from __future__ import annotations

from typing import Protocol

from storage.query import SearchQuery
from storage.rows import ArticleRow, QuotationRow, SearchHit
from storage.sql.database import Database
from storage.sql.records import Scope

CANDIDATES = 2000  # matches ranked per query, the newest first
TITLE_CANDIDATES = 500  # and the newest whose title matches
SHORT_QUOTATION = 4  # words; shorter quotations come after every longer match
Marks = tuple[str, str]  # what goes around a matched word in a snippet


class Search(Protocol):
    async def articles(
        self,
        db: Database,
        scope: Scope,
        query: SearchQuery,
        limit: int,
        offset: int,
        marks: Marks,
        match_all: bool = True,
    ) -> list[SearchHit]:
        """Articles matching the query, best first, each with a highlighted snippet."""

    async def count_articles(self, db: Database, scope: Scope, query: SearchQuery) -> int:
        """How many articles match every term (for "N matches" lines), capped at CANDIDATES."""

    async def titles(
        self, db: Database, scope: Scope, query: SearchQuery, limit: int
    ) -> list[ArticleRow]:
        """Articles whose title holds every word (the last one as a prefix), best first."""

    async def quotations(
        self,
        db: Database,
        scope: Scope,
        words: SearchQuery,
        speaker: SearchQuery,
        article_id: int | None,
        limit: int,
        offset: int,
    ) -> list[QuotationRow]:
        """Quotations whose text matches `words` and whose speaker matches `speaker`."""

    async def optimize(self, db: Database) -> None:
        """Compact the indexes after a bulk load (may take seconds)."""
