"""Export and import on both engines: lossless, the same document from either engine, into an
empty community only, whole or not at all; old single-library exports still load."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from storage import CitedSource, NewQuotation, Scope, Store, StoreError, open_store
from storage.query import parse_query
from tests.store.conftest import article, library_of
from tests.support.postgres import cluster

NOTHING = parse_query("")


async def filled(store: Store, space: str = "test:a") -> dict[str, Any]:
    lib = await library_of(store, space)
    first = await lib.articles.add(
        article(
            "Bridge",
            "The harbour bridge will close, said the mayor.",
            author="Ana Ruiz",
            canonical_url="https://example.org/bridge",
            quotations=(NewQuotation("The harbour bridge will close", "Mayor", 0, 29),),
            sources=(CitedSource("link", "plan", "https://example.org/plan"),),
            summaries={"short": "It closes.", "long": "It closes for repairs."},
        ),
        "mod (1)",
        "test:room",
    )
    second = await lib.articles.add(article("Ferry", "A ferry runs instead."), "mod (1)", "room")
    assert first is not None and second is not None
    await lib.articles.remove(second, "mod (1)", "room")  # next_article stays at 3
    feed, _ = await lib.feeds.add("https://example.org/feed", "test:room", "News", 900, "mod")
    await lib.feeds.mark_seen(feed, ["entry-1", "entry-2"])
    await store.communities.set_setting(lib.scope.community, "prefix", "?")
    return await lib.export()


async def test_round_trip_into_another_community_is_identical(store: Store) -> None:
    data = await filled(store)
    target = await library_of(store, "test:b")
    assert await target.import_(data) == 1
    again = await target.export()
    assert {**again, "community": data["community"]} == data
    row = await target.articles.get(1)
    assert row is not None and row.author == "Ana Ruiz"
    [found] = await target.quotations.find(parse_query("bridge"), NOTHING)
    assert found.speaker == "Mayor"
    nxt = await target.articles.add(article("After import", "New text here."), "t", "p")
    assert nxt is not None and nxt.number == 3  # numbers go on where the export left off


async def test_sqlite_to_postgresql_and_back_is_identical(tmp_path: Any) -> None:
    lite = await open_store(str(tmp_path / "a.db"))
    pg = await open_store(cluster().new_database())
    back = await open_store(str(tmp_path / "b.db"))
    try:
        data = await filled(lite)
        moved = await library_of(pg, "test:a")
        await moved.import_(copy.deepcopy(data))
        from_pg = await moved.export()
        assert from_pg == {**data, "community": from_pg["community"]}
        home = await library_of(back, "test:a")
        await home.import_(from_pg)
        assert await home.export() == {**data, "community": (await home.export())["community"]}
    finally:
        for store in (lite, pg, back):
            await store.close()


async def test_import_only_into_an_empty_library(store: Store) -> None:
    data = await filled(store)
    same = await library_of(store, "test:a")
    with pytest.raises(StoreError, match="not empty"):
        await same.import_(data)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["articles"][0].update(word_count="many"),
        lambda d: d["articles"][0].update(title=None),
        lambda d: d["articles"][0]["quotations"][0].update(start="0"),
        lambda d: d.update(articles="nope"),
        lambda d: d["feeds"][0].pop("url"),
        lambda d: d.update(format="something else"),
        lambda d: d.update(version=99),
    ],
)
async def test_a_damaged_export_loads_nothing(store: Store, damage: Any) -> None:
    data = await filled(store)
    damage(data)
    target = await library_of(store, "test:b")
    before = await store.checksum()
    with pytest.raises(StoreError):
        await target.import_(data)
    assert await store.checksum() == before


async def test_a_single_library_export_of_schema_2_still_imports(store: Store) -> None:
    legacy = {
        "format": "articlebot-library",
        "schema": 2,
        "articles": [
            {"id": 4, "title": "Old", "author": "", "outlet": "", "url": "", "published": "",
             "text": "kept across the upgrade", "word_count": 4, "content_hash": "h4",
             "added_by": "x", "added_at": "2020-01-01", "canonical_url": "", "language": ""},
        ],
        "quotations": [
            {"id": 1, "article_id": 4, "text": "kept across", "speaker": "Someone", "start": 0,
             "end": 11},
        ],
        "summaries": [{"article_id": 4, "length": "short", "engine": "extractive-v1", "text": "K"}],
        "cited_sources": [],
        "audit_log": [{"id": 1, "at": "2020-01-01", "actor": "x", "place": "p", "action": "add",
                       "target": "#4", "detail": "Old"}],
        "feeds": [],
    }  # fmt: skip
    lib = await library_of(store, "test:a")
    assert await lib.import_(legacy) == 1
    row = await lib.articles.get(4)
    assert row is not None and row.title == "Old"
    assert await lib.articles.summary(row, "short", "extractive") == "K"
    found = await lib.quotations.find(NOTHING, parse_query("someone"))
    assert [q.text for q in found] == ["kept across"]
    assert store.library(Scope.own(lib.scope.community)) is not None
