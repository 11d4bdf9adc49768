"""The library service: adding articles and finding them by reference, above the store."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

from bot.ingest.document import Document, content_hash
from bot.ingest.pipeline import analyse
from storage import ArticleRow, Store

log = logging.getLogger(__name__)
_ID = re.compile(r"^#?\s*(\d{1,9})$")


@dataclass(frozen=True)
class Added:
    """The outcome of an ingestion: a new article, or the one it duplicates."""

    article: ArticleRow
    duplicate: bool
    quotations: int = 0


class Library:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def add(self, doc: Document, actor: str, place: str) -> Added:
        """Analyse and store a document in one transaction, unless it is already there."""
        existing = await self.store.find_duplicate(content_hash(doc.text), doc.canonical_url)
        if existing:
            return Added(existing, duplicate=True)
        article = await asyncio.to_thread(analyse, doc)
        # Another command may have stored the same text while we analysed it.
        existing = await self.store.find_duplicate(article.content_hash, doc.canonical_url)
        if existing:
            return Added(existing, duplicate=True)
        article_id = await self.store.add_article(article, actor, place)
        stored = await self.store.get_article(article_id)
        assert stored is not None
        log.info("added article #%d %r by %s in %s", article_id, doc.title[:80], actor, place)
        return Added(stored, duplicate=False, quotations=len(article.quotations))

    async def resolve(self, ref: str, limit: int = 5) -> list[ArticleRow]:
        """Articles a reference may mean: `#12` (or `12`) by id, else by words of the title.

        One result is a match; several are candidates to choose from; none is unknown.
        """
        ref = ref.strip()
        match = _ID.match(ref)
        if match:
            article = await self.store.get_article(int(match.group(1)))
            if article or ref.startswith("#"):
                return [article] if article else []
        found = await self.store.find_by_title(ref, limit)
        exact = [a for a in found if a.title.casefold() == ref.casefold()]
        return exact[:1] if exact else found
