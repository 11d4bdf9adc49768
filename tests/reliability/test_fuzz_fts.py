"""Hostile words through the FTS query builder, run against the real FTS5 tables of the schema:
never an `OperationalError`, whatever the user typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import strategies as st

from storage import fts
from storage.migrations import MIGRATIONS
from tests.core.articles import HARBOUR, ORCHARD
from tests.reliability.hostile import BUDGETS, hostile_text, run_property

pytestmark = pytest.mark.attack("Hostile text: FTS query builder (real FTS5)")


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for script in MIGRATIONS:
        conn.executescript(script)
    for article in (HARBOUR, ORCHARD):
        title, _, text = article.partition("\n")
        cur = conn.execute(
            "INSERT INTO articles(title, text, word_count, content_hash, added_by, added_at) "
            "VALUES (?, ?, 1, ?, 'test', '2026-01-01')",
            (title, text, title),
        )
        conn.execute(
            "INSERT INTO quotations(article_id, text, speaker, start, end) VALUES (?, ?, ?, 0, 1)",
            (cur.lastrowid, text[:80], "Ingrid Solberg"),
        )
    yield conn
    conn.close()


def _queries(text: str) -> list[tuple[str, str | None]]:
    return [
        ("articles_fts", fts.match_all(text)),
        ("articles_fts", fts.match_any(text)),
        ("articles_fts", fts.match_all(text, column="title", prefix_last=True)),
        ("quotations_fts", fts.match_all(text)),
        ("quotations_fts", fts.match_all(text, column="speaker")),
        ("quotations_fts", fts.match_any(text, column="text")),
    ]


@pytest.mark.parametrize("examples", BUDGETS)
def test_every_query_is_valid_fts5(db: sqlite3.Connection, examples: int) -> None:
    def check(text: str) -> None:
        words = fts.terms(text)
        assert len(words) <= fts.MAX_TERMS
        for table, query in _queries(text):
            assert (query is None) == (not words)
            if query is not None:
                db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT 3", (query,))
                db.execute(
                    f"SELECT snippet({table}, 1, '[', ']', '…', 14), bm25({table}) FROM {table} "
                    f"WHERE {table} MATCH ? ORDER BY rank LIMIT 3",
                    (query,),
                )

    run_property(hostile_text, check, examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_an_article_word_finds_its_article(db: sqlite3.Connection, examples: int) -> None:
    """Hostile syntax after a real word never hides the article holding it (words past the
    16th are ignored by design, so the real word comes first)."""

    def check(value: tuple[str, str]) -> None:
        noise, word = value
        query = fts.match_any(f"{word} {noise}")
        assert query is not None
        rows = db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (query,)
        ).fetchall()
        assert rows

    run_property(
        st.tuples(hostile_text, st.sampled_from(("bridge", "harbour", "orchards", "Solberg"))),
        check,
        examples,
    )
