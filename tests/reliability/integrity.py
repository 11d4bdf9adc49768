"""Checks of a library after a crash, read with plain sqlite3 (no help from the store)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.ingest.pipeline import analyse
from bot.ingest.text import from_file


@dataclass(frozen=True)
class Expected:
    quotations: int
    summaries: int
    sources: int


def expected(paths: list[Path]) -> dict[str, Expected]:
    """What a complete article holds, by title, from the same analysis the bot runs."""
    found = {}
    for path in paths:
        doc = from_file(path.name, path.read_bytes(), 10_000_000)
        article = analyse(doc)
        found[doc.title] = Expected(
            len(article.quotations), len(article.summaries), len(article.sources)
        )
    return found


def check_library(db: Path, complete: dict[str, Expected]) -> int:
    """Integrity ok, and every stored article whole; returns how many articles are stored."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT id, title FROM articles").fetchall()
        titles = [title for _, title in rows]
        assert len(titles) == len(set(titles)), "an article stored twice"
        for article_id, title in rows:
            want = complete[title]
            got = Expected(*(
                conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (article_id,))
                .fetchone()[0]
                for table in ("quotations", "summaries", "cited_sources")
            ))
            assert got == want, (title, got, want)
            fts = conn.execute(
                "SELECT count(*) FROM articles_fts WHERE rowid = ?", (article_id,)
            ).fetchone()[0]
            assert fts == 1
        added = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'add'").fetchone()[0]
        assert added == len(rows)
        return len(rows)
    finally:
        conn.close()


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
