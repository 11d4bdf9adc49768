"""The store: migrations, FTS with hostile words, duplicates, all-or-nothing writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import CitedSource, NewArticle, NewQuotation, Store
from storage.migrations import MIGRATIONS, SCHEMA_VERSION


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


async def test_fresh_database_is_at_the_latest_schema_with_wal(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        assert await store.schema_version() == SCHEMA_VERSION
    finally:
        await store.close()
    conn = sqlite3.connect(tmp_path / "x.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_old_database_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO articles(title, text, word_count, content_hash, added_at) "
        "VALUES ('Old one', 'kept across the upgrade', 4, 'h1', '2020-01-01')"
    )
    conn.execute(
        "INSERT INTO quotations(article_id, text, speaker, start, end) "
        "VALUES (1, 'kept across', 'Someone', 0, 11)"
    )
    conn.commit()
    conn.close()
    store = await Store.open(path)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        old = await store.get_article(1)
        assert old is not None and old.title == "Old one" and old.canonical_url == ""
        found = await store.search_quotations("kept", speaker="Someone")
        assert [q.text for q in found] == ["kept across"]
        assert await store.feeds() == []
    finally:
        await store.close()


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}").connection.commit()
    with pytest.raises(RuntimeError, match="newer"):
        await Store.open(path)


HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "NEAR(",
    "NEAR(bridge harbour, 2)",
    "AND",
    "bridge AND",
    "OR OR",
    "-bridge",
    "bridge -harbour",
    "title:bridge",
    "text:",
    ":",
    "^bridge",
    "bridge*",
    "(bridge",
    "bridge)",
    "{title}: bridge",
    "'; DROP TABLE articles; --",
    "NOT",
    "\x00",
    "\u202ebridge",
    "b" * 5000,
    "日本語",
    "🚀",
]


@pytest.mark.parametrize("words", HOSTILE)
async def test_fts_never_raises_on_hostile_words(tmp_path: Path, words: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        await store.add_article(article(), "tester", "test")
        await store.search_articles(words, 5)
        await store.search_quotations(words, speaker=words)
        await store.find_by_title(words)
        assert await store.count_articles() == 1
    finally:
        await store.close()


async def test_operators_are_plain_words(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        await store.add_article(article("Harbour news", "The bridge and the ferry."), "t", "p")
        await store.add_article(article("Near the bridge", "Bridge near the quay."), "t", "p")
        # NEAR and AND are words here, not operators: only the second has "near".
        hits = await store.search_articles("NEAR bridge", 5)
        assert [h.article.title for h in hits] == ["Near the bridge"]
        # a minus is not NOT: "-ferry" asks for the ferry, it does not exclude it
        hits = await store.search_articles("bridge -ferry", 5)
        assert [h.article.title for h in hits] == ["Harbour news"]
    finally:
        await store.close()


async def test_duplicates_by_hash_and_canonical_url(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        first = await store.add_article(article(canonical_url="https://example.org/a"), "t", "p")
        dup = await store.find_duplicate("hash-Bridge to close-The harbour bridge will close.")
        assert dup is not None and dup.id == first
        by_url = await store.find_duplicate("other", "https://example.org/a")
        assert by_url is not None and by_url.id == first
        assert await store.find_duplicate("other", "") is None
        with pytest.raises(sqlite3.IntegrityError):
            await store.add_article(article(), "t", "p")
        assert await store.count_articles() == 1
    finally:
        await store.close()


async def test_a_failed_write_leaves_no_partial_rows(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        before = await store.checksum()
        broken = article(
            quotations=(NewQuotation("the bridge", "Mayor", 4, 14),),
            sources=(CitedSource("nonsense-kind", "x"),),  # violates a CHECK constraint
        )
        with pytest.raises(sqlite3.IntegrityError):
            await store.add_article(broken, "t", "p")
        assert await store.count_articles() == 0
        assert await store.search_quotations("bridge") == []
        assert await store.checksum() == before
        assert await store.audit_entries() == []
    finally:
        await store.close()


async def test_removing_an_article_removes_what_was_found_in_it(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        article_id = await store.add_article(
            article(
                quotations=(NewQuotation("harbour bridge", "Mayor", 4, 18),),
                sources=(CitedSource("outlet", "The Quay Times"),),
                summaries={"short": "It closes."},
            ),
            "t",
            "p",
        )
        removed = await store.remove_article(article_id, "mod", "console")
        assert removed is not None
        assert await store.search_quotations("harbour") == []
        assert await store.sources_of(article_id) == []
        assert await store.get_summary(article_id, "short") is None
        assert await store.search_articles("harbour", 5) == []
        actions = [e.action for e in await store.audit_entries()]
        assert actions == ["remove", "add"]
    finally:
        await store.close()


async def test_export_import_round_trip(tmp_path: Path) -> None:
    source = await Store.open(tmp_path / "a.db")
    target = await Store.open(tmp_path / "b.db")
    try:
        await source.add_article(
            article(
                quotations=(NewQuotation("harbour bridge", "Mayor", 4, 18),),
                summaries={"short": "It closes."},
            ),
            "t",
            "p",
        )
        data = await source.export_library()
        assert await target.import_library(data) == 1
        assert await target.export_library() == data
        assert [q.speaker for q in await target.search_quotations("bridge")] == ["Mayor"]
    finally:
        await source.close()
        await target.close()


async def test_import_refuses_foreign_columns(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        data = {"format": "articlebot-library", "schema": 2, "articles": [{"id": 1, "evil) --": 1}]}
        with pytest.raises(RuntimeError, match="unexpected columns"):
            await store.import_library(data)
        assert await store.count_articles() == 0
    finally:
        await store.close()
