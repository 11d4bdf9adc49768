"""RSS, Atom (feedparser) and JSON Feed documents as one list of entries."""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.ingest.fetch import FetchError

MAX_ENTRIES = 100
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


class NotAFeed(FetchError):
    message = "That link isn't an RSS, Atom or JSON feed."


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable identity across polls: the entry's id, else its link, else a digest
    title: str
    link: str
    summary: str = ""
    published: str = ""  # ISO 8601 when the feed gives a date


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[FeedEntry, ...]  # newest first when the feed dates them, else feed order


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a feed document fetched from `url`; raises `NotAFeed` for anything else."""
    stripped = body.lstrip()
    if "json" in content_type or stripped.startswith(b"{"):
        feed = _json_feed(stripped, url)
    else:
        feed = _xml_feed(body, url)
    if feed is None:
        raise NotAFeed()
    return feed


def _xml_feed(body: bytes, url: str) -> ParsedFeed | None:
    parsed: Any = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        return None
    entries = [
        _entry(
            raw.get("id") or raw.get("guid") or "",
            raw.get("title", ""),
            raw.get("link", ""),
            raw.get("summary", ""),
            _struct_time(raw.get("published_parsed") or raw.get("updated_parsed")),
            url,
        )
        for raw in parsed.entries[:MAX_ENTRIES]
    ]
    return ParsedFeed(_text(parsed.feed.get("title", "")), _ordered(entries))


def _json_feed(body: bytes, url: str) -> ParsedFeed | None:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or "jsonfeed.org/version/" not in str(data.get("version", "")):
        return None
    items = data.get("items")
    if not isinstance(items, list):
        return None
    entries = [
        _entry(
            str(item.get("id", "")),
            str(item.get("title", "")),
            str(item.get("url") or item.get("external_url") or ""),
            str(item.get("summary") or item.get("content_text") or item.get("content_html") or ""),
            _iso(str(item.get("date_published") or item.get("date_modified") or "")),
            url,
        )
        for item in items[:MAX_ENTRIES]
        if isinstance(item, dict)
    ]
    return ParsedFeed(_text(str(data.get("title", ""))), _ordered(entries))


def _entry(
    ident: str, title: str, link: str, summary: str, published: str, base: str
) -> FeedEntry | None:
    link = urljoin(base, link.strip()) if link.strip() else ""
    if link and urlsplit(link).scheme not in ("http", "https"):
        link = ""
    title, summary = _text(title), _text(summary)
    key = ident.strip() or link
    if not key:
        key = "sha256:" + hashlib.sha256(f"{title}\n{published}\n{summary}".encode()).hexdigest()
    if not (link or title):
        return None
    return FeedEntry(key[:500], title[:300], link, summary[:1000], published)


def _ordered(entries: list[FeedEntry | None]) -> tuple[FeedEntry, ...]:
    """Newest first when every entry is dated; duplicates (same key) dropped."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if entry is not None and entry.key not in seen:
            seen.add(entry.key)
            kept.append(entry)
    if kept and all(e.published for e in kept):
        kept.sort(key=lambda e: e.published, reverse=True)
    return tuple(kept)


def _text(value: str) -> str:
    """Plain text from a feed field that may hold HTML."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", value))).strip()


def _struct_time(value: Any) -> str:
    if not value:
        return ""
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return ""


def _iso(value: str) -> str:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC).isoformat()
    except ValueError:
        return ""
