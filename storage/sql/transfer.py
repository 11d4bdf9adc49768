"""Export and import of one community's library: lossless, engine-neutral JSON.

The export names articles and feeds by their community numbers, never by the store's own keys,
so a library exported from SQLite and imported into PostgreSQL (or into another community)
exports again to the same document. Exports of the single-library format (schema 1 and 2, rows
with ids) still import. An import goes into an empty community, whole or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storage.errors import StoreError
from storage.query import cjk_terms
from storage.sql.database import Database, Transaction, value

FORMAT = "articlebot-library"
VERSION = 3
_ARTICLE_KEYS = (
    "number", "title", "author", "outlet", "url", "canonical_url", "published", "language",
    "text", "word_count", "content_hash", "added_by", "added_at",
)  # fmt: skip
_FEED_KEYS = (
    "number", "url", "place", "title", "interval_seconds", "etag", "last_modified", "failures",
    "paused_reason", "next_poll_at", "added_by", "added_at",
)  # fmt: skip
_AUDIT_KEYS = ("at", "actor", "place", "action", "target", "detail")
_INTS = {"number", "word_count", "interval_seconds", "failures", "start", "end", "words"}
_FLOATS = {"next_poll_at"}


class Damaged(StoreError):
    """The document is not a complete export; nothing was imported."""


async def export_community(db: Database, community_id: int) -> dict[str, Any]:
    """Everything one community's library holds, as JSON-ready data."""
    counters = await db.fetchrow(
        "SELECT name, next_article, next_feed FROM communities WHERE id = ?", community_id
    )
    if counters is None:
        raise StoreError("no such community")
    articles = await db.fetch(
        f"SELECT id, {', '.join(_ARTICLE_KEYS)} FROM articles WHERE community_id = ? "
        "ORDER BY number",
        community_id,
    )
    numbers = {int(r[0]): int(r[1]) for r in articles}
    quotations = await _grouped(
        db,
        "SELECT q.article_id, q.text, q.speaker, q.char_start, q.char_end, q.words "
        "FROM quotations q WHERE q.community_id = ? ORDER BY q.article_id, q.char_start, q.id",
        community_id,
        ("text", "speaker", "start", "end", "words"),
    )
    sources = await _grouped(
        db,
        "SELECT s.article_id, s.kind, s.name, s.url FROM cited_sources s "
        "JOIN articles a ON a.id = s.article_id WHERE a.community_id = ? ORDER BY s.id",
        community_id,
        ("kind", "name", "url"),
    )
    summaries = await _grouped(
        db,
        "SELECT s.article_id, s.length, s.engine, s.text FROM summaries s "
        "JOIN articles a ON a.id = s.article_id WHERE a.community_id = ? "
        "ORDER BY s.article_id, s.length, s.engine",
        community_id,
        ("length", "engine", "text"),
    )
    feeds = await db.fetch(
        f"SELECT id, {', '.join(_FEED_KEYS)} FROM feeds WHERE community_id = ? ORDER BY number",
        community_id,
    )
    entries = await _grouped(
        db,
        "SELECT e.feed_id, e.entry_key, e.article_id, e.seen_at, e.announced FROM feed_entries e "
        "JOIN feeds f ON f.id = e.feed_id WHERE f.community_id = ? ORDER BY e.feed_id, "
        "e.entry_key",
        community_id,
        ("key", "article", "seen_at", "announced"),
    )
    for items in entries.values():
        for entry in items:
            entry["article"] = numbers.get(entry["article"]) if entry["article"] else None
            entry["announced"] = bool(entry["announced"])
    audit = await db.fetch(
        f"SELECT {', '.join(_AUDIT_KEYS)} FROM audit_log WHERE community_id = ? ORDER BY id",
        community_id,
    )
    settings = await db.fetch(
        "SELECT name, value FROM settings WHERE community_id = ? ORDER BY name", community_id
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "community": str(counters[0]),
        "next_article": int(counters[1]),
        "next_feed": int(counters[2]),
        "settings": {str(n): str(v) for n, v in settings},
        "articles": [
            {
                **dict(zip(_ARTICLE_KEYS, row[1:], strict=True)),
                "quotations": quotations.get(int(row[0]), []),
                "sources": sources.get(int(row[0]), []),
                "summaries": summaries.get(int(row[0]), []),
            }
            for row in articles
        ],
        "feeds": [
            {**dict(zip(_FEED_KEYS, row[1:], strict=True)), "entries": entries.get(int(row[0]), [])}
            for row in feeds
        ],
        "audit_log": [dict(zip(_AUDIT_KEYS, row, strict=True)) for row in audit],
    }


async def _grouped(
    db: Database, sql: str, community_id: int, names: tuple[str, ...]
) -> dict[int, list[dict[str, Any]]]:
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in await db.fetch(sql, community_id):
        groups[int(row[0])].append(dict(zip(names, row[1:], strict=True)))
    return groups


async def import_community(db: Database, community_id: int, data: Any) -> int:
    """Load an export into an empty community, whole or not at all; returns articles loaded."""
    document = _current(data)
    try:
        async with db.transaction() as tx:
            for table in ("articles", "feeds"):
                if await tx.fetchrow(
                    f"SELECT 1 FROM {table} WHERE community_id = ? LIMIT 1", community_id
                ):
                    raise StoreError(
                        "this community's library is not empty; import into an empty one"
                    )
            await _load(tx, community_id, document)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise Damaged(f"the export is damaged ({err!r}); nothing was imported") from None
    return len(document["articles"])


async def _load(tx: Transaction, community_id: int, doc: dict[str, Any]) -> None:
    ids: dict[int, int] = {}
    for article in doc["articles"]:
        values = [_field(article, key) for key in _ARTICLE_KEYS]
        article_id = int(
            await value(
                tx,
                f"INSERT INTO articles(community_id, {', '.join(_ARTICLE_KEYS)}, cjk) "
                f"VALUES (?, {', '.join('?' * len(_ARTICLE_KEYS))}, ?) RETURNING id",
                community_id,
                *values,
                cjk_terms(str(article["title"]), str(article["text"])),
            )
        )
        ids[int(article["number"])] = article_id
        await tx.executemany(
            "INSERT INTO quotations(article_id, community_id, text, speaker, cjk, words, "
            "char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    community_id,
                    _field(q, "text"),
                    _field(q, "speaker"),
                    cjk_terms(str(q["text"])),
                    _field(q, "words") or len(str(q["text"]).split()),
                    _field(q, "start"),
                    _field(q, "end"),
                )
                for q in article.get("quotations", [])
            ],
        )
        await tx.executemany(
            "INSERT INTO cited_sources(article_id, kind, name, url) VALUES (?, ?, ?, ?)",
            [
                (article_id, _field(s, "kind"), _field(s, "name"), _field(s, "url"))
                for s in article.get("sources", [])
            ],
        )
        await tx.executemany(
            "INSERT INTO summaries(article_id, length, engine, text) VALUES (?, ?, ?, ?)",
            [
                (article_id, _field(s, "length"), _field(s, "engine"), _field(s, "text"))
                for s in article.get("summaries", [])
            ],
        )
    for feed in doc["feeds"]:
        feed_id = await value(
            tx,
            f"INSERT INTO feeds(community_id, {', '.join(_FEED_KEYS)}) "
            f"VALUES (?, {', '.join('?' * len(_FEED_KEYS))}) RETURNING id",
            community_id,
            *(_field(feed, key) for key in _FEED_KEYS),
        )
        await tx.executemany(
            "INSERT INTO feed_entries(feed_id, entry_key, article_id, seen_at, announced) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    feed_id,
                    _field(e, "key"),
                    ids.get(int(e["article"])) if e.get("article") else None,
                    _field(e, "seen_at"),
                    int(bool(e.get("announced"))),
                )
                for e in feed.get("entries", [])
            ],
        )
    await tx.executemany(
        "INSERT INTO audit_log(community_id, at, actor, place, action, target, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(community_id, *(_field(a, key) for key in _AUDIT_KEYS)) for a in doc["audit_log"]],
    )
    for name, setting in dict(doc.get("settings", {})).items():
        await tx.execute(
            "INSERT INTO settings(community_id, name, value) VALUES (?, ?, ?)",
            community_id,
            str(name),
            str(setting),
        )
    top_article = max(ids, default=0)
    top_feed = max((int(f["number"]) for f in doc["feeds"]), default=0)
    await tx.execute(
        "UPDATE communities SET next_article = ?, next_feed = ? WHERE id = ?",
        max(int(doc.get("next_article", 1)), top_article + 1),
        max(int(doc.get("next_feed", 1)), top_feed + 1),
        community_id,
    )


def _field(item: dict[str, Any], key: str) -> Any:
    """A value of the export, of the type the schema expects (else the export is damaged)."""
    if key == "words" and key not in item:
        return 0  # how long a quotation reads: counted again on import when missing
    found = item[key]
    if key in _INTS:
        if isinstance(found, bool) or not isinstance(found, int):
            raise ValueError(f"{key} must be a whole number, got {found!r}")
        return found
    if key in _FLOATS:
        if isinstance(found, bool) or not isinstance(found, int | float):
            raise ValueError(f"{key} must be a number, got {found!r}")
        return float(found)
    if not isinstance(found, str):
        raise ValueError(f"{key} must be text, got {type(found).__name__}")
    return found


def _current(data: Any) -> dict[str, Any]:
    """The document in this version's shape (older single-library exports converted)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError("not an articlebot library export")
    version = data.get("version")
    if version == VERSION:
        for key in ("articles", "feeds", "audit_log"):
            if not isinstance(data.get(key), list):
                raise Damaged(f"the export has no list of {key}; nothing was imported")
        return data
    schema = data.get("schema")
    if version is None and schema in (1, 2):
        try:
            return _from_single_library(data)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise Damaged(f"the export is damaged ({err!r}); nothing was imported") from None
    raise StoreError(
        f"the export is of version {version or schema!r}; this articlebot reads versions 1 to "
        f"{VERSION}"
    )


def _from_single_library(data: dict[str, Any]) -> dict[str, Any]:
    """An export of schema 1 or 2 (tables of rows with ids) as a version-3 document."""
    by_article: dict[str, dict[int, list[dict[str, Any]]]] = {
        "quotations": defaultdict(list),
        "sources": defaultdict(list),
        "summaries": defaultdict(list),
    }
    for row in data.get("quotations", []):
        by_article["quotations"][int(row["article_id"])].append(
            {"text": row["text"], "speaker": row["speaker"], "start": row["start"],
             "end": row["end"], "words": 0}
        )  # fmt: skip
    for row in data.get("cited_sources", []):
        by_article["sources"][int(row["article_id"])].append(
            {"kind": row["kind"], "name": row["name"], "url": row.get("url", "")}
        )
    for row in data.get("summaries", []):
        by_article["summaries"][int(row["article_id"])].append(
            {"length": row["length"], "engine": "extractive", "text": row["text"]}
        )
    known = {int(row["id"]) for row in data.get("articles", [])}
    for groups in by_article.values():
        if not set(groups) <= known:
            raise ValueError("rows refer to articles the export does not hold")
    articles = []
    for row in sorted(data.get("articles", []), key=lambda r: int(r["id"])):
        article_id = int(row["id"])
        article = {key: row.get(key, "") for key in _ARTICLE_KEYS if key != "number"}
        article.update(number=article_id, word_count=row["word_count"])
        for key, groups in by_article.items():
            article[key] = groups.get(article_id, [])
        articles.append(article)
    feeds = []
    for row in sorted(data.get("feeds", []), key=lambda r: int(r["id"])):
        feed = {key: row.get(key, "") for key in _FEED_KEYS if key != "number"}
        feed.update(
            number=int(row["id"]),
            interval_seconds=row["interval_seconds"],
            failures=row.get("failures", 0),
            next_poll_at=row.get("next_poll_at", 0.0),
            entries=[],
        )
        feeds.append(feed)
    audit = [{key: row.get(key, "") for key in _AUDIT_KEYS} for row in data.get("audit_log", [])]
    return {
        "format": FORMAT,
        "version": VERSION,
        "articles": articles,
        "feeds": feeds,
        "audit_log": audit,
        "settings": {},
    }
