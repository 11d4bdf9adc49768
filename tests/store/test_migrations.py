"""Opening libraries: fresh ones, a database made by the single-library schema upgraded in
place, newer ones refused, missing ones not created by accident, bad URLs refused."""

from __future__ import annotations

import asyncio
import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from storage import StoreError, StoreUnavailable, locate, open_store
from storage.query import parse_query
from storage.sqlite.open import SCHEMA_VERSION
from tests.store.conftest import library_of
from tests.support.postgres import cluster

NOTHING = parse_query("")


def _legacy_schema() -> str:
    """The single-library schema as released (migrations 1 and 2)."""
    folder = resources.files("storage.sqlite.migrations")
    return "\n".join(folder.joinpath(n).read_text() for n in ("0001_library.sql", "0002_feeds.sql"))


async def test_fresh_sqlite_library_is_at_the_latest_schema_with_wal(tmp_path: Path) -> None:
    store = await open_store(str(tmp_path / "x.db"))
    await store.close()
    conn = sqlite3.connect(tmp_path / "x.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_single_library_database_upgrades_into_the_default_community(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(_legacy_schema() + "\nPRAGMA user_version = 2;")
    for number, title in ((1, "First"), (2, "Removed"), (3, "Third")):
        conn.execute(
            "INSERT INTO articles(id, title, text, word_count, content_hash, added_at, "
            "canonical_url) VALUES (?, ?, ?, 4, ?, '2020-01-01', ?)",
            (number, title, f"{title} kept across the upgrade 北京", f"h{number}", ""),
        )
    conn.execute("DELETE FROM articles WHERE id = 2")
    conn.execute(
        "INSERT INTO quotations(article_id, text, speaker, start, end) "
        "VALUES (3, 'kept across', 'Someone', 0, 11)"
    )
    conn.execute(
        "INSERT INTO summaries(article_id, length, engine, text) "
        "VALUES (3, 'short', 'extractive-v1', 'Kept.')"
    )
    conn.execute(
        "INSERT INTO feeds(url, place, interval_seconds, added_at) "
        "VALUES ('https://example.org/f', 'matrix:!r:x', 900, '2020-01-01')"
    )
    conn.execute("INSERT INTO audit_log(at, actor, place, action) VALUES ('2020', 'a', 'p', 'add')")
    conn.commit()
    conn.close()
    store = await open_store(str(path))
    try:
        default = await store.communities.named("default")
        assert default is not None
        lib = await library_of(store, "console:default")
        assert lib.scope.community == default.id
        assert [a.number for a in await lib.articles.page(0, 10)] == [3, 1]
        third = await lib.articles.get(3)
        assert third is not None and third.title == "Third"
        assert await lib.articles.summary(third, "short", "extractive") == "Kept."
        [quote] = await lib.quotations.find(parse_query("kept"), parse_query("someone"))
        assert quote.article_number == 3
        assert [
            h.article.number
            for h in await lib.articles.search(parse_query("北京"), 5, 0, ("[", "]"))
        ] == [3, 1]
        [feed] = await lib.feeds.list()
        assert (feed.number, feed.place) == (1, "matrix:!r:x")
        assert len(await lib.audit.entries()) == 1
        fresh = await lib.articles.add(
            __import__("tests.store.conftest", fromlist=["article"]).article("Fourth"), "t", "p"
        )
        assert fresh is not None and fresh.number == 4
        # Other rooms start with libraries of their own: nothing of the old one.
        room = await library_of(store, "matrix:!r:x")
        assert await room.articles.count() == 0
    finally:
        await store.close()


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}").connection.commit()
    with pytest.raises(StoreError, match="newer"):
        await open_store(str(path))


async def test_a_missing_library_is_not_created_when_only_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no library"):
        await open_store(str(tmp_path / "typo" / "x.db"), create=False)
    assert not (tmp_path / "typo").exists()
    with pytest.raises(StoreError, match="no library"):
        await open_store(cluster().new_database(), create=False)


def test_urls_choose_the_engine() -> None:
    assert locate("data/a.db").engine == "sqlite"
    assert locate("sqlite:///data/a.db").target == "data/a.db"
    assert locate("sqlite:////abs/a.db").target == "/abs/a.db"
    pg = locate("postgresql://bot:s3cret@db.example.org:5432/articlebot")
    assert pg.engine == "postgresql" and "s3cret" not in pg.shown
    assert locate("postgres://u@h/d").target == "postgresql://u@h/d"
    with pytest.raises(StoreError, match="mysql"):
        locate("mysql://u@h/d")


async def test_a_postgresql_server_that_is_down_is_said_so() -> None:
    url = cluster().url().replace(str(cluster().port), "1")  # nothing listens on port 1
    with pytest.raises(StoreUnavailable, match="cannot reach"):
        await open_store(url)


async def test_two_processes_migrating_at_once_migrate_once() -> None:
    url = cluster().new_database()
    stores = await asyncio.gather(open_store(url), open_store(url), open_store(url))
    try:
        lib = await library_of(stores[0], "test:a")
        assert await lib.articles.count() == 0
    finally:
        for store in stores:
            await store.close()
