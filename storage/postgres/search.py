"""Full-text search on PostgreSQL: stored tsvectors with GIN indexes, ranked by ts_rank.

A `SearchQuery` becomes a tsquery built only from bound parameters: each word through
`plainto_tsquery`, each phrase through `phraseto_tsquery`, each run of an unspaced script as the
phrase of its character pairs (`simple` configuration); nothing the user typed is parsed as
tsquery syntax. Ranking reads a bounded set of candidates (the newest matches, and the newest
title matches), so a common word costs the same at 100,000 articles as at 1,000.
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
from storage.sql.search import CANDIDATES, SHORT_QUOTATION, Marks
from storage.sql.snippets import cjk_snippet

CONFIG = "articlebot"
HEADLINE = "MaxWords=20, MinWords=14, MaxFragments=1, FragmentDelimiter=…"  # ~FTS5 snippet()
# Articles ranked per search. Unlike FTS5's bm25, which reads the index, ts_rank reads each
# candidate's whole stored tsvector (about 7 kB for 750 words): 2,000 candidates cost ~40 ms
# warm at 10,000 articles, 400 about 8 ms. The benchmark reports what share of the first page
# this keeps from ranking every match.
RANKED = 400
RANKED_TITLES = 100


def _term(term: Term) -> tuple[str, str]:
    """(SQL, its one parameter) for one term."""
    if term.kind is Kind.CJK:
        if len(term.words[0]) == 1:  # a lone character matches the pairs it begins
            return "to_tsquery('simple', quote_literal(?) || ':*')", term.words[0]
        return "phraseto_tsquery('simple', ?)", " ".join(term.words)
    if term.kind is Kind.PHRASE:
        return f"phraseto_tsquery('{CONFIG}', ?)", " ".join(term.words)
    return f"plainto_tsquery('{CONFIG}', ?)", term.words[0]


def tsquery(
    query: SearchQuery, every: bool = True, prefix_last: bool = False
) -> tuple[str, list[Any]]:
    """The SQL expression of the query's tsquery, with its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for index, term in enumerate(query.terms):
        sql, param = _term(term)
        if prefix_last and index == len(query.terms) - 1 and term.kind is Kind.WORD:
            sql = f"to_tsquery('{CONFIG}', quote_literal(?) || ':*')"
        parts.append(f"({sql})")
        params.append(param)
    return (" && " if every else " || ").join(parts), params


class TsSearch:
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
        if query.empty:
            return []
        expression, params = tsquery(query, every=match_all)
        where, scoped = scope.reads("a.community_id")
        candidates = (
            f"(SELECT a.id FROM articles a, q WHERE {where} AND a.{{column}} @@ q.query "
            "ORDER BY a.id + 0 DESC LIMIT ?)"  # + 0: the GIN index finds them, never a walk
        )
        ranked = await db.fetch(
            f"WITH q AS (SELECT {expression} AS query), c AS ("
            f"{candidates.format(column='tsv')} UNION {candidates.format(column='title_tsv')}) "
            "SELECT a.id, ts_rank(a.tsv, q.query) AS score "
            "FROM c JOIN articles a ON a.id = c.id, q "
            "ORDER BY score DESC, a.id DESC LIMIT ? OFFSET ?",
            *params,
            *scoped,
            RANKED,
            *scoped,
            RANKED_TITLES,
            limit,
            offset,
        )
        if not ranked:
            return []
        ids = [int(r[0]) for r in ranked]
        options = f"StartSel={marks[0]}, StopSel={marks[1]}, {HEADLINE}"
        rows = await db.fetch(
            f"WITH q AS (SELECT {expression} AS query) SELECT {ARTICLE_COLUMNS}, "
            f"ts_headline('{CONFIG}', a.text, q.query, ?), a.text FROM articles a, q "
            f"WHERE a.id IN ({', '.join('?' * len(ids))})",
            *params,
            options,
            *ids,
        )
        by_id = {int(r[0]): r for r in rows}
        hits = []
        for article_id, score in ((int(r[0]), float(r[1])) for r in ranked):
            row = by_id.get(article_id)
            if row is None:
                continue
            snippet = str(row[-2])
            if marks[0] not in snippet:
                snippet = cjk_snippet(str(row[-1]), query.cjk_runs(), marks)
            hits.append(SearchHit(article_row(row), snippet, -score))
        return hits

    async def count_articles(self, db: Database, scope: Scope, query: SearchQuery) -> int:
        if query.empty:
            return 0
        expression, params = tsquery(query)
        where, scoped = scope.reads("a.community_id")
        row = await db.fetchrow(
            f"WITH q AS (SELECT {expression} AS query) SELECT count(*) FROM "
            f"(SELECT 1 FROM articles a, q WHERE {where} AND a.tsv @@ q.query LIMIT ?) m",
            *params,
            *scoped,
            CANDIDATES,
        )
        return int(row[0]) if row else 0

    async def titles(
        self, db: Database, scope: Scope, query: SearchQuery, limit: int
    ) -> list[ArticleRow]:
        if query.empty:
            return []
        expression, params = tsquery(query, prefix_last=True)
        where, scoped = scope.reads("a.community_id")
        column = "tsv" if query.has_cjk else "title_tsv"  # pairs cover title and text together
        rows = await db.fetch(
            f"WITH q AS (SELECT {expression} AS query) SELECT {ARTICLE_COLUMNS} "
            f"FROM articles a, q WHERE {where} AND a.{column} @@ q.query "
            f"ORDER BY ts_rank(a.title_tsv, q.query) DESC, a.id DESC LIMIT ?",
            *params,
            *scoped,
            limit * 4 if query.has_cjk else limit,
        )
        found = [article_row(r) for r in rows]
        if query.has_cjk:
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
        where, scoped = scope.reads("q.community_id")
        filters = [where]
        params: list[Any] = list(scoped)
        if article_id is not None:
            filters.append("q.article_id = ?")
            params.append(article_id)
        queries: list[str] = []
        query_params: list[Any] = []
        score = "0"
        if not words.empty:
            expression, values = tsquery(words)
            queries.append(f"{expression} AS words")
            query_params += values
            filters.append("q.tsv @@ m.words")
            score = "ts_rank(q.tsv, m.words)"
        if not speaker.empty:
            expression, values = tsquery(speaker)
            queries.append(f"{expression} AS speaker")
            query_params += values
            filters.append("q.speaker_tsv @@ m.speaker")
        if not queries:
            rows = await db.fetch(
                f"SELECT {QUOTATION_COLUMNS} FROM quotations q "
                f"JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(filters)} "
                f"ORDER BY q.words < {SHORT_QUOTATION}, q.char_start LIMIT ? OFFSET ?",
                *params,
                limit,
                offset,
            )
            return [quotation_row(r) for r in rows]
        order = "score DESC, id DESC" if not words.empty else "id DESC"
        rows = await db.fetch(
            f"WITH m AS (SELECT {', '.join(queries)}) SELECT * FROM ("
            f"SELECT {QUOTATION_COLUMNS}, {score} AS score, q.words AS short_words "
            f"FROM quotations q JOIN articles a ON a.id = q.article_id, m "
            f"WHERE {' AND '.join(filters)} ORDER BY q.id DESC LIMIT ?) found "
            f"ORDER BY short_words < {SHORT_QUOTATION}, {order} LIMIT ? OFFSET ?",
            *query_params,
            *params,
            CANDIDATES,
            limit,
            offset,
        )
        return [quotation_row(r[:-2]) for r in rows]

    async def optimize(self, db: Database) -> None:
        """Refresh the planner's statistics after a bulk load (GIN indexes need no merging)."""
        async with db.transaction() as tx:
            await tx.execute("ANALYZE articles")
            await tx.execute("ANALYZE quotations")
