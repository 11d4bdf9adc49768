"""The store's contract tests run on both engines: SQLite and a real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import LibraryStore, NewArticle, Scope, Store, open_store
from tests.conftest import ENGINES


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[Store]:
    opened = await open_store(db_url)
    try:
        yield opened
    finally:
        await opened.close()


async def library_of(store: Store, space: str) -> LibraryStore:
    community = await store.communities.for_space(space)
    return store.library(Scope(community.id, await store.communities.readable(community.id)))


@pytest.fixture
async def lib(store: Store) -> LibraryStore:
    """The library of a first community (space `test:a`)."""
    return await library_of(store, "test:a")


def article(
    title: str = "Bridge to close", text: str = "The harbour bridge will close.", **extra: object
) -> NewArticle:
    values: dict[str, object] = {
        "title": title,
        "text": text,
        "content_hash": f"hash-{title}-{text}",
        "word_count": len(text.split()),
    }
    values.update(extra)
    return NewArticle(**values)  # type: ignore[arg-type]
