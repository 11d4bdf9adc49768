"""Hostile words through the search query builder, against the real indexes of both engines
(SQLite FTS5, PostgreSQL tsvector): never an engine error, whatever the user typed."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import strategies as st

from storage import LibraryStore, NewArticle, NewQuotation, Scope, Store, open_store
from storage.query import MAX_TERMS, parse_query
from tests.reliability.hostile import BUDGETS, hostile_text, run_property
from tests.support.articles import HARBOUR, ORCHARD
from tests.support.postgres import cluster

pytestmark = pytest.mark.attack("Hostile text: search query builder (real FTS5 and tsvector)")
MARKS = ("[", "]")


class Engine:
    """A store on its own event loop, so that hypothesis (synchronous) can drive it."""

    def __init__(self, url: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.store: Store = self.loop.run_until_complete(open_store(url))
        self.lib: LibraryStore = self.loop.run_until_complete(self._seed())

    async def _seed(self) -> LibraryStore:
        community = await self.store.communities.for_space("test:fuzz")
        lib = self.store.library(Scope.own(community.id))
        for article in (HARBOUR, ORCHARD):
            title, _, text = article.partition("\n")
            await lib.articles.add(
                NewArticle(
                    title=title,
                    text=text,
                    content_hash=title,
                    word_count=len(text.split()),
                    quotations=(NewQuotation(text[:80], "Ingrid Solberg", 0, 80),),
                ),
                "test",
                "test",
            )
        return lib

    def run(self, text: str) -> int:
        """Every kind of search the commands make; how many articles the search found."""
        query = parse_query(text)

        async def searches() -> int:
            hits = await self.lib.articles.search(query, 5, 0, MARKS)
            await self.lib.articles.count_matches(query)
            await self.lib.articles.by_title(query)
            await self.lib.quotations.find(query, query)
            await self.lib.quotations.find(parse_query(""), query)
            return len(hits)

        return self.loop.run_until_complete(searches())

    def close(self) -> None:
        self.loop.run_until_complete(self.store.close())
        self.loop.close()


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with tempfile.TemporaryDirectory() as folder:
        url = (
            cluster().new_database() if request.param == "postgresql" else str(Path(folder, "f.db"))
        )
        running = Engine(url)
        try:
            yield running
        finally:
            running.close()


@pytest.mark.parametrize("examples", BUDGETS)
def test_every_search_is_valid(engine: Engine, examples: int) -> None:
    def check(text: str) -> None:
        assert len(parse_query(text).terms) <= MAX_TERMS
        engine.run(text)

    run_property(hostile_text, check, examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_an_article_word_finds_its_article(engine: Engine, examples: int) -> None:
    """Hostile syntax after a real word never hides the article holding it (words past the
    16th are ignored by design, so the real word comes first)."""

    def check(value: tuple[str, str]) -> None:
        noise, word = value
        assert engine.run(f"{word} {noise}") >= 1

    run_property(
        st.tuples(hostile_text, st.sampled_from(("bridge", "harbour", "orchards", "Solberg"))),
        check,
        examples,
    )
