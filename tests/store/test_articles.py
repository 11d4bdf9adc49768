"""Articles on both engines: numbers per community never reused, duplicates, all-or-nothing
writes, removal of everything derived, edits."""

from __future__ import annotations

import pytest

from storage import CitedSource, LibraryStore, NewQuotation, SearchQuery, Store, StoreError
from storage.query import parse_query
from tests.store.conftest import article, library_of

NOTHING = SearchQuery(())
MARKS = ("[", "]")


async def test_numbers_count_per_community_and_are_never_handed_out_again(store: Store) -> None:
    first = await library_of(store, "test:a")
    other = await library_of(store, "test:b")
    one = await first.articles.add(article("One"), "t", "p")
    two = await first.articles.add(article("Two"), "t", "p")
    assert one is not None and two is not None
    assert (one.number, two.number) == (1, 2)
    theirs = await other.articles.add(article("Theirs"), "t", "p")
    assert theirs is not None and theirs.number == 1  # #1 of that community
    assert await first.articles.remove(two, "t", "p") is not None
    three = await first.articles.add(article("Three"), "t", "p")
    assert three is not None and three.number == 3  # not #2 again
    assert await first.articles.get(2) is None
    assert [a.title for a in await first.articles.page(0, 10)] == ["Three", "One"]


async def test_duplicates_by_text_or_canonical_url_within_one_community(store: Store) -> None:
    lib = await library_of(store, "test:a")
    first = await lib.articles.add(article(canonical_url="https://example.org/a"), "t", "p")
    assert first is not None
    assert await lib.articles.add(article(), "t", "p") is None
    again = await lib.articles.duplicate_of(first.content_hash)
    assert again is not None and again.id == first.id
    by_url = await lib.articles.duplicate_of("other", "https://example.org/a")
    assert by_url is not None and by_url.id == first.id
    assert await lib.articles.duplicate_of("other", "") is None
    batch = await lib.articles.add_many([article("New"), article("New"), article()], "t", "p")
    assert [row.title if row else None for row in batch] == ["New", None, None]
    # The same text is welcome in another community's library.
    other = await library_of(store, "test:b")
    assert await other.articles.add(article(), "t", "p") is not None


async def test_a_failed_write_leaves_no_partial_rows(store: Store, lib: LibraryStore) -> None:
    before = await store.checksum()
    broken = article(
        quotations=(NewQuotation("the bridge", "Mayor", 4, 14),),
        sources=(CitedSource("nonsense-kind", "x"),),  # violates a CHECK constraint
    )
    with pytest.raises(StoreError):
        await lib.articles.add(broken, "t", "p")
    assert await lib.articles.count() == 0
    assert await lib.quotations.find(parse_query("bridge"), NOTHING) == []
    assert await store.checksum() == before
    assert await lib.audit.entries() == []
    # The number the failed write took is handed out, not lost with it.
    row = await lib.articles.add(article(), "t", "p")
    assert row is not None and row.number == 1


async def test_removing_an_article_removes_what_was_found_in_it(lib: LibraryStore) -> None:
    row = await lib.articles.add(
        article(
            quotations=(NewQuotation("harbour bridge", "Mayor", 4, 18),),
            sources=(CitedSource("outlet", "The Quay Times"),),
            summaries={"short": "It closes."},
        ),
        "t",
        "p",
    )
    assert row is not None
    assert await lib.articles.summary(row, "short", "extractive") == "It closes."
    assert await lib.articles.remove(row, "mod", "console") is not None
    assert await lib.articles.remove(row, "mod", "console") is None
    assert await lib.quotations.find(parse_query("harbour"), NOTHING) == []
    assert await lib.articles.sources(row) == []
    assert await lib.articles.summary(row, "short", "extractive") is None
    assert await lib.articles.search(parse_query("harbour"), 5, 0, MARKS) == []
    assert [e.action for e in await lib.audit.entries()] == ["remove", "add"]


async def test_edit_changes_one_field_and_the_title_index(lib: LibraryStore) -> None:
    row = await lib.articles.add(article("Old title"), "t", "p")
    assert row is not None
    edited = await lib.articles.edit(row, "title", "Fresh name", "mod", "p")
    assert edited is not None and edited.title == "Fresh name" and edited.number == row.number
    assert [a.number for a in await lib.articles.by_title(parse_query("fresh"))] == [1]
    assert await lib.articles.by_title(parse_query("old")) == []
    cleared = await lib.articles.edit(row, "outlet", "", "mod", "p")
    assert cleared is not None and cleared.outlet == ""
    with pytest.raises(StoreError):
        await lib.articles.edit(row, "content_hash", "x", "mod", "p")


async def test_summaries_are_cached_per_length_and_engine(lib: LibraryStore) -> None:
    row = await lib.articles.add(article(summaries={"short": "Extractive."}), "t", "p")
    assert row is not None
    await lib.articles.put_summary(row, "short", "llm:tiny", "Written.")
    await lib.articles.put_summary(row, "short", "llm:tiny", "Written again.")
    assert await lib.articles.summary(row, "short", "extractive") == "Extractive."
    assert await lib.articles.summary(row, "short", "llm:tiny") == "Written again."
    assert await lib.articles.summary(row, "long", "llm:tiny") is None


async def test_stats_count_one_community(store: Store) -> None:
    lib = await library_of(store, "test:a")
    other = await library_of(store, "test:b")
    quoted = article(quotations=(NewQuotation("bridge will close", "Mayor Solberg", 4, 21),))
    await lib.articles.add(quoted, "t", "p")
    await other.articles.add(article("Elsewhere", "Other words entirely here."), "t", "p")
    stats = await lib.articles.stats()
    assert (stats.articles, stats.quotations, stats.speakers) == (1, 1, 1)
    assert stats.top_speakers == [("Mayor Solberg", 1)]
    assert stats.words == len(["The", "harbour", "bridge", "will", "close."])
