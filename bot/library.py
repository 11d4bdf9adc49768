"""One community's library, as command handlers see it: the only door to its data.

A `Library` is bound to the community of the request (and, read only, to the libraries that
community follows). Handlers never hold the store, so no handler can read or change another
community's articles: every call here goes through a view of the store scoped to this one.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.communities import EXTRACTIVE, LLM, Community
from bot.ingest.document import Document, content_hash
from bot.ingest.pipeline import analyse
from bot.llm.writer import SummaryWriter
from bot.models import HIGHLIGHT_END, HIGHLIGHT_START
from bot.nlp.summary import summarize
from storage import (
    ArticleRow,
    AuditEntry,
    CitedSource,
    FeedRow,
    LibraryStore,
    NewArticle,
    QuotationRow,
    SearchHit,
    SearchQuery,
    Stats,
    parse_query,
)

log = logging.getLogger(__name__)
# `#12`, `12`, or `name#12` for an article of a library this community follows.
_REF = re.compile(r"^(?:([a-z0-9][a-z0-9-]{1,31}))?#\s*(\d{1,9})$|^(\d{1,9})$", re.IGNORECASE)
SPEAKERS_CHECKED = 500  # the article's quotations a written summary's quotations are held to


@dataclass(frozen=True)
class Added:
    """The outcome of an ingestion: a new article, or the one it duplicates."""

    article: ArticleRow
    duplicate: bool
    quotations: int = 0


@dataclass(frozen=True)
class Summary:
    """A summary as the `summary` command shows it: extractive, or written by the language
    model with `[n]` citations of the article sentences in `cited`."""

    text: str
    engine: str = EXTRACTIVE
    cited: Mapping[int, str] = field(default_factory=dict)
    note: str = ""  # why the extractive summary stands in for the written one asked for

    @property
    def written(self) -> bool:
        return self.engine != EXTRACTIVE


def query(text: str) -> SearchQuery:
    """The searchable words, phrases and CJK runs of `text` (never read as search syntax)."""
    return parse_query(text)


class Library:
    def __init__(
        self,
        store: LibraryStore,
        community: Community,
        writer: SummaryWriter | None = None,
        daily_budget: int = 0,
    ) -> None:
        self._store = store
        self.community = community
        self._writer = writer  # the operator's language model, if one is configured
        self._daily_budget = daily_budget

    # -- references -------------------------------------------------------------------------

    def ref(self, article: ArticleRow) -> str:
        """How this community names an article: `#3`, or `name#3` for a followed library's."""
        return self.ref_of(article.community_id, article.number)

    def ref_of(self, community_id: int, number: int) -> str:
        if community_id == self.community.id:
            return f"#{number}"
        return f"{self.community.names.get(community_id, '?')}#{number}"

    def owns(self, article: ArticleRow) -> bool:
        return article.community_id == self.community.id

    async def resolve(self, ref: str, limit: int = 5) -> list[ArticleRow]:
        """Articles a reference may mean: `#12` (or `12`, or `name#12`) by number, else by words
        of the title. One result is a match; several are candidates; none is unknown."""
        ref = ref.strip()
        match = _REF.match(ref)
        if match:
            name, number = match.group(1), match.group(2) or match.group(3)
            community = self.community.id
            if name:
                found = [c for c, n in self.community.names.items() if n == name.lower()]
                if not found:
                    return []
                community = found[0]
            article = await self._store.articles.get(int(number), community)
            if article or "#" in ref:
                return [article] if article else []
        found_titles = await self._store.articles.by_title(query(ref), limit)
        exact = [a for a in found_titles if a.title.casefold() == ref.casefold()]
        return exact[:1] if exact else found_titles

    # -- articles ---------------------------------------------------------------------------

    async def add(self, doc: Document, actor: str, place: str) -> Added:
        """Analyse and store a document in one transaction, unless it is already there."""
        articles = self._store.articles
        existing = await articles.duplicate_of(content_hash(doc.text), doc.canonical_url)
        if existing:
            return Added(existing, duplicate=True)
        analysed = await asyncio.to_thread(analyse, doc)
        stored = await articles.add(analysed, actor, place)
        if stored is None:  # another command stored the same text while we analysed it
            existing = await articles.duplicate_of(analysed.content_hash, doc.canonical_url)
            assert existing is not None
            return Added(existing, duplicate=True)
        log.info(
            "added %s %r to %s by %s in %s",
            self.ref(stored),
            doc.title[:80],
            self.community.name,
            actor,
            place,
        )
        return Added(stored, duplicate=False, quotations=len(analysed.quotations))

    async def add_analysed(
        self, articles: Sequence[NewArticle], actor: str, place: str
    ) -> list[ArticleRow | None]:
        """Store articles analysed elsewhere (bulk ingestion); None for each duplicate."""
        return await self._store.articles.add_many(articles, actor, place)

    async def content_hashes(self) -> frozenset[str]:
        return await self._store.articles.content_hashes()

    async def remove(self, article: ArticleRow, actor: str, place: str) -> ArticleRow | None:
        return await self._store.articles.remove(article, actor, place)

    async def edit(
        self, article: ArticleRow, field: str, value: str, actor: str, place: str
    ) -> ArticleRow | None:
        return await self._store.articles.edit(article, field, value, actor, place)

    async def text(self, article: ArticleRow) -> str:
        return await self._store.articles.text(article) or ""

    async def page(self, offset: int, limit: int) -> list[ArticleRow]:
        return await self._store.articles.page(offset, limit)

    async def count(self) -> int:
        return await self._store.articles.count()

    async def titles(self, words: str = "", limit: int = 25) -> list[ArticleRow]:
        """For autocomplete: articles whose title starts with the words, else the newest."""
        if query(words).empty:
            return await self.page(0, limit)
        return await self._store.articles.by_title(query(words), limit)

    async def search(self, words: str, limit: int, offset: int = 0) -> list[SearchHit]:
        return await self._store.articles.search(
            query(words), limit, offset, (HIGHLIGHT_START, HIGHLIGHT_END)
        )

    async def count_matches(self, words: str) -> int:
        return await self._store.articles.count_matches(query(words))

    async def summary(self, article: ArticleRow, length: str) -> Summary:
        """The summary of that length by the community's engine. A written one is cached per
        model; when there is none (no model configured, a failed check, a timeout, the day's
        budget spent) the extractive one stands in, saying why."""
        if self.community.settings.summary_engine != LLM:
            return Summary(await self.extractive_summary(article, length))
        if self._writer is None:
            note = "the operator has configured no language model"
            return Summary(await self.extractive_summary(article, length), note=note)
        engine = self._writer.engine
        cached = _written(await self._store.articles.summary(article, length, engine), engine)
        if cached is not None:
            return cached
        quotations = await self.quotations(article=article, limit=SPEAKERS_CHECKED)
        written = await self._writer.write(
            await self.text(article),
            length,
            {q.text: q.speaker for q in quotations if q.speaker},
            self._spend,
        )
        if written.failure:
            log.warning(
                "%s summary of %s in %s: %s",
                engine,
                self.ref(article),
                self.community.name,
                written.failure,
            )
            return Summary(await self.extractive_summary(article, length), note=written.failure)
        cited = {str(n): s for n, s in written.cited.items()}
        data = json.dumps({"text": written.text, "cited": cited}, ensure_ascii=False)
        await self._store.articles.put_summary(article, length, engine, data)
        return Summary(written.text, engine, written.cited)

    async def _spend(self) -> bool:
        day = datetime.now(UTC).date().isoformat()
        return await self._store.llm_usage.spend(day, self._daily_budget)

    async def extractive_summary(self, article: ArticleRow, length: str) -> str:
        """The extractive summary of that length, computed once and cached if missing (an
        article imported without summaries)."""
        found = await self._store.articles.summary(article, length, EXTRACTIVE)
        if found is not None:
            return found
        made = summarize(await self.text(article), article.title)
        for name, text in made.items():
            await self._store.articles.put_summary(article, name, EXTRACTIVE, text)
        return made.get(length, "")

    async def sources(self, article: ArticleRow) -> list[CitedSource]:
        return await self._store.articles.sources(article)

    async def stats(self) -> Stats:
        return await self._store.articles.stats()

    # -- quotations -------------------------------------------------------------------------

    async def quotations(
        self,
        words: str = "",
        speaker: str = "",
        article: ArticleRow | None = None,
        limit: int = 5,
        offset: int = 0,
    ) -> list[QuotationRow]:
        return await self._store.quotations.find(
            query(words), query(speaker), article, limit, offset
        )

    async def random_quotation(
        self, speaker: str = "", article: ArticleRow | None = None
    ) -> QuotationRow | None:
        return await self._store.quotations.random(query(speaker), article)

    async def quotation_count(self, article: ArticleRow) -> int:
        return await self._store.quotations.count(article)

    async def speakers(self, prefix: str = "", limit: int = 25) -> list[str]:
        return await self._store.quotations.speakers(prefix, limit)

    # -- feeds and the audit log ------------------------------------------------------------

    async def add_feed(
        self, url: str, place: str, title: str, interval: int, actor: str
    ) -> tuple[FeedRow, bool]:
        return await self._store.feeds.add(url, place, title, interval, actor)

    async def feeds(self, place: str | None = None) -> list[FeedRow]:
        return await self._store.feeds.list(place)

    async def feed(self, number: int) -> FeedRow | None:
        return await self._store.feeds.get(number)

    async def remove_feed(self, feed: FeedRow, actor: str, place: str) -> bool:
        return await self._store.feeds.remove(feed, actor, place)

    async def resume_feed(self, feed: FeedRow, actor: str, place: str) -> None:
        await self._store.feeds.resume(feed, actor, place)

    async def skip_entries(self, feed: FeedRow, keys: Sequence[str]) -> None:
        await self._store.feeds.mark_seen(feed, keys)

    async def log(
        self, actor: str, place: str, action: str, target: str = "", detail: str = ""
    ) -> None:
        await self._store.audit.log(actor, place, action, target, detail)

    async def audit(self, limit: int = 100) -> list[AuditEntry]:
        return await self._store.audit.entries(limit)

    # -- transfer ---------------------------------------------------------------------------

    async def export(self) -> dict[str, object]:
        return await self._store.export()

    async def import_(self, data: object) -> int:
        return await self._store.import_(data)


def _written(cached: str | None, engine: str) -> Summary | None:
    """A cached written summary (JSON: its text and the sentences it cites); None if absent
    or unreadable (it is then written again)."""
    if cached is None:
        return None
    try:
        data = json.loads(cached)
        cited = {int(n): str(s) for n, s in data["cited"].items()}
        return Summary(str(data["text"]), engine, cited)
    except (ValueError, LookupError, TypeError, AttributeError):
        return None
