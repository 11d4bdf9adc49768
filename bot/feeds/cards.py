"""The short replies the poller posts: an entry card, a digest of the rest, a pause notice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.feeds.parse import FeedEntry
from bot.models import Field, Page, Reply, ReplyKind
from storage import FeedRow

SUMMARY_CHARS = 280
DIGEST_LINES = 15


@dataclass(frozen=True)
class Ingested:
    """What the library made of an entry's link; empty when it could not be read."""

    article_id: int | None = None  # the store's key (recorded with the entry)
    ref: str = ""  # how the community names it: `#12`
    title: str = ""
    outlet: str = ""
    summary: str = ""  # one line


def entry_card(entry: FeedEntry, feed_title: str, stored: Ingested) -> Reply:
    """Title, outlet, one-line summary and link of a new entry."""
    summary = _one_line(stored.summary or entry.summary)
    footer = f"New from {feed_title}"
    if stored.ref:
        footer += f" · in the library as {stored.ref}"
    page = Page(
        title=(stored.title or entry.title or entry.link)[:256],
        paragraphs=(summary,) if summary else (),
        fields=(Field("Outlet", (stored.outlet or feed_title)[:200]),),
        link=entry.link or None,
        footer=footer,
    )
    return Reply((page,), ReplyKind.INFO)


def digest_card(feed_title: str, entries: Sequence[FeedEntry], prefix: str) -> Reply:
    """One message for the new entries beyond the per-round cards."""
    lines = [f"• {e.title or e.link}"[:200] for e in entries[-DIGEST_LINES:]]
    if len(entries) > DIGEST_LINES:
        lines.insert(0, f"… and {len(entries) - DIGEST_LINES} earlier ones")
    page = Page(
        title=f"{len(entries)} more new from {feed_title}"[:256],
        paragraphs=(
            "\n".join(lines),
            f"What could be read is in the library: `{prefix}sources`.",
        ),
    )
    return Reply((page,), ReplyKind.INFO)


def paused_card(feed: FeedRow, failures: int, reason: str, prefix: str) -> Reply:
    page = Page(
        title="Feed paused",
        paragraphs=(
            f"I stopped checking {feed.title or feed.url} (feed {feed.number}) after {failures} "
            f"failed attempts in a row. Last error: {reason}",
            f"To try again: `{prefix}feed add {feed.url}`. To drop it: "
            f"`{prefix}feed remove {feed.number}`.",
        ),
    )
    return Reply((page,), ReplyKind.ERROR)


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
