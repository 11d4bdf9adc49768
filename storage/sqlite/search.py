"""Full-text search on SQLite: FTS5 indexes (porter, unicode61, diacritics folded), bm25.

A `SearchQuery` becomes a MATCH expression of double-quoted strings only: each word a quoted
term, each phrase one quoted string of its words, each run of an unspaced script the phrase of
its character pairs in the `cjk` column. Nothing the user typed is ever read as FTS5 syntax.
"""

from __future__ import annotations

from typing import Any

from storage.query import Kind, SearchQuery, Term
from storage.rows import ArticleRow, QuotationRow, SearchHit
from storage.sql.database import Database
from storage.sql.records import (
    ARTICLE_COLUMNS,
    QUOTATION_COLUMNS,
    Scope,
    article_row,
    quotation_row,
)
from storage.sql.search import CANDIDATES, SHORT_QUOTATION, TITLE_CANDIDATES, Marks
from storage.sql.snippets import cjk_snippet

SNIPPET_TOKENS = 14


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(term: Term, columns: str | None) -> str:
    if term.kind is Kind.CJK:
        # A lone character matches the pairs it begins (and itself).
        phrase = _quoted(" ".join(term.words)) + ("*" if len(term.words[0]) == 1 else "")
        return "{cjk} : " + phrase
    expression = _quoted(" ".join(term.words))
    return f"{{{columns}}} : {expression}" if columns else expression


def match(
    query: SearchQuery,
    columns: str | None = None,
    every: bool = True,
    prefix_last: bool = False,
) -> str | None:
    """The MATCH expression for the query (None when it has no terms).

    `columns` restricts words and phrases (not CJK runs) to those columns.
    """
    if query.empty:
        return None
    parts = [_term(t, columns) for t in query.terms]
    if prefix_last and query.terms[-1].kind is Kind.WORD:
        parts[-1] += "*"
    return (" AND " if every else " OR ").join(f"({p})" for p in parts)


class FtsSearch:
    async def articles(
        self,
        db: Database,
        scope: Scope,
        query: SearchQuery,
        limit: int,
        offset: int,
        marks: Marks,
        match_all: bool = True,
    ) -> list[SearchHit]:
        expression = match(query, every=match_all)
        if expression is None:
            return []
        titles = None if query.has_cjk else match(query, columns="title", every=match_all)
        ranked = await self._ranked_articles(db, scope, expression, titles, limit + offset)
        chosen = ranked[offset : offset + limit]
        if not chosen:
            return []
        ids = [article_id for article_id, _ in chosen]
        marks_sql = ", ".join("?" * len(ids))
        # Snippets only for the articles shown: they are the dearest part of a search.
        rows = await db.fetch(
            f"SELECT {ARTICLE_COLUMNS}, snippet(articles_fts, 1, ?, ?, '…', {SNIPPET_TOKENS}), "
            "a.text FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? AND f.rowid IN ({marks_sql})",
            *marks,
            expression,
            *ids,
        )
        by_id = {int(r[0]): r for r in rows}
        hits = []
        for article_id, score in chosen:
            row = by_id.get(article_id)
            if row is None:
                continue
            snippet = str(row[-2])
            if marks[0] not in snippet and query.has_cjk:
                snippet = cjk_snippet(str(row[-1]), query.cjk_runs(), marks)
            hits.append(SearchHit(article_row(row), snippet, score))
        return hits

    async def _ranked_articles(
        self, db: Database, scope: Scope, expression: str, titles: str | None, wanted: int
    ) -> list[tuple[int, float]]:
        """(id, score) of the best `wanted` among the newest matches and newest title matches."""
        where, params = scope.reads("a.community_id")
        candidates = (
            "SELECT * FROM (SELECT f.rowid AS id, bm25(articles_fts, 5.0, 1.0, 1.0) AS score "
            "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? AND {where} ORDER BY f.rowid DESC LIMIT ?)"
        )
        sql, values = candidates, [expression, *params, CANDIDATES]
        if titles is not None:
            sql += " UNION ALL " + candidates
            values += [titles, *params, TITLE_CANDIDATES]
        rows = await db.fetch(
            f"SELECT id, min(score) FROM ({sql}) GROUP BY id ORDER BY min(score), id DESC LIMIT ?",
            *values,
            wanted,
        )
        return [(int(r[0]), float(r[1])) for r in rows]

    async def count_articles(self, db: Database, scope: Scope, query: SearchQuery) -> int:
        expression = match(query)
        if expression is None:
            return 0
        where, params = scope.reads("a.community_id")
        row = await db.fetchrow(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts f JOIN articles a "
            f"ON a.id = f.rowid WHERE articles_fts MATCH ? AND {where} LIMIT ?)",
            expression,
            *params,
            CANDIDATES,
        )
        return int(row[0]) if row else 0

    async def titles(
        self, db: Database, scope: Scope, query: SearchQuery, limit: int
    ) -> list[ArticleRow]:
        expression = match(query, columns="title", prefix_last=True)
        if expression is None:
            return []
        where, params = scope.reads("a.community_id")
        rows = await db.fetch(
            f"SELECT {ARTICLE_COLUMNS} FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? AND {where} "
            "ORDER BY bm25(articles_fts, 10.0, 0.0, 1.0), a.id DESC LIMIT ?",
            expression,
            *params,
            limit * 4 if query.has_cjk else limit,
        )
        found = [article_row(r) for r in rows]
        if query.has_cjk:  # the pairs index title and text together: keep title matches
            runs = query.cjk_runs()
            found = [a for a in found if all(run in a.title for run in runs)]
        return found[:limit]

    async def quotations(
        self,
        db: Database,
        scope: Scope,
        words: SearchQuery,
        speaker: SearchQuery,
        article_id: int | None,
        limit: int,
        offset: int,
    ) -> list[QuotationRow]:
        parts = [
            p
            for p in (match(words, columns="text"), match(speaker, columns="speaker"))
            if p is not None
        ]
        where, params = scope.reads("q.community_id")
        filters: list[str] = [where]
        values: list[Any] = list(params)
        if article_id is not None:
            filters.append("q.article_id = ?")
            values.append(article_id)
        if not parts:
            rows = await db.fetch(
                f"SELECT {QUOTATION_COLUMNS} FROM quotations q "
                f"JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(filters)} "
                f"ORDER BY q.words < {SHORT_QUOTATION}, q.char_start LIMIT ? OFFSET ?",
                *values,
                limit,
                offset,
            )
            return [quotation_row(r) for r in rows]
        # A speaker alone says nothing about relevance (every match is that person): the
        # newest first. Words rank by bm25 among the newest matches; fragments come last.
        # The candidates are ranked on the narrow index alone; only the page shown is read whole.
        order = "m.score" if not words.empty else "m.id DESC"
        rows = await db.fetch(
            "WITH m AS ("
            "  SELECT f.rowid AS id, bm25(quotations_fts, 2.0, 0.0, 1.0) AS score, q.words"
            "  FROM quotations_fts f JOIN quotations q ON q.id = f.rowid"
            f"  WHERE quotations_fts MATCH ? AND {' AND '.join(filters)}"
            "  ORDER BY f.rowid DESC LIMIT ?"
            f") SELECT {QUOTATION_COLUMNS} FROM m JOIN quotations q ON q.id = m.id "
            "JOIN articles a ON a.id = q.article_id "
            f"ORDER BY m.words < {SHORT_QUOTATION}, {order} LIMIT ? OFFSET ?",
            " AND ".join(parts),
            *values,
            CANDIDATES,
            limit,
            offset,
        )
        return [quotation_row(r) for r in rows]

    async def optimize(self, db: Database) -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
            await tx.execute("INSERT INTO quotations_fts(quotations_fts) VALUES ('optimize')")
            await tx.execute("PRAGMA optimize")
