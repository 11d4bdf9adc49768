"""`feed add|list|remove`: subscribe the place where the command was typed to feeds."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bot.commands.adding import fetch_refusal
from bot.commands.context import Context
from bot.commands.formatting import bare_link
from bot.commands.spec import Args
from bot.feeds.parse import NotAFeed, ParsedFeed, parse_feed
from bot.ingest.fetch import FEED_TYPES, Fetcher, FetchError
from bot.ingest.html import decode_html
from bot.models import Page, Reply

BACKLOG = 3  # entries already in a feed when it is added that are brought in and announced
_ALTERNATE = re.compile(
    r"<link\b[^>]*\btype=[\"']application/(?:rss|atom|feed)\+(?:xml|json)[\"'][^>]*>", re.I
)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.I)


async def feed(ctx: Context, args: Args) -> Reply:
    action: str = args["action"]
    target = str(args.get("target") or "").strip()
    if action == "list":
        return await _list(ctx)
    if not target:
        what = "https://example.org/feed.xml" if action == "add" else "<number>"
        return Reply.error(f"Usage: `{ctx.prefix}feed {action} {what}`.", title="Feed")
    if action == "add":
        return await _add(ctx, bare_link(target))
    return await _remove(ctx, target)


async def _add(ctx: Context, url: str) -> Reply:
    refusal = fetch_refusal(ctx)
    if refusal:
        return refusal
    fetcher = Fetcher.from_settings(ctx.settings)
    try:
        async with ctx.fetch_gate.slot(ctx.community.id):
            url, parsed = await _read_feed(fetcher, url)
    except FetchError as err:
        return Reply.error(err.message, title="Feed not added")
    place = ctx.request.place
    interval = ctx.settings.feed_interval_seconds
    title = parsed.title or url
    feed, created = await ctx.library.add_feed(url, place, parsed.title, interval, ctx.actor)
    if not created:
        if feed.paused_reason:
            await ctx.library.resume_feed(feed, ctx.actor, place)
            return Reply.info("Feed resumed", f"I'll check {title} (feed {feed.number}) again.")
        return Reply.info(
            "Already subscribed", f"This place already follows {title} (feed {feed.number})."
        )
    # Older entries count as seen: only the latest few are brought in, then what is new.
    await ctx.library.skip_entries(feed, [entry.key for entry in parsed.entries[BACKLOG:]])
    latest = min(BACKLOG, len(parsed.entries))
    return Reply.info(
        "Feed added",
        f"This place now follows {title} (feed {feed.number}), checked every {_minutes(interval)}.",
        "New articles are added to the library and announced here; "
        + (
            f"the latest {latest} arrive in a moment."
            if latest > 1
            else "the latest arrives in a moment."
            if latest
            else "none are there yet."
        ),
    )


async def _read_feed(fetcher: Fetcher, url: str) -> tuple[str, ParsedFeed]:
    """The feed at `url`, or the one a web page names in its `<link rel="alternate">`."""
    page = await fetcher.fetch(url, accept=FEED_TYPES)
    try:
        return page.url, parse_feed(page.body, page.url, page.content_type)
    except NotAFeed:
        if page.content_type not in ("text/html", "application/xhtml+xml"):
            raise
        link = _ALTERNATE.search(decode_html(page.body, page.charset))
        href = _HREF.search(link.group(0)) if link else None
        if href is None:
            raise NotAFeed("That page names no RSS, Atom or JSON feed.") from None
        found = await fetcher.fetch(urljoin(page.url, href.group(1)), accept=FEED_TYPES)
        return found.url, parse_feed(found.body, found.url, found.content_type)


async def _list(ctx: Context) -> Reply:
    rows = await ctx.library.feeds(ctx.request.place)
    if not rows:
        return Reply.info(
            "No feeds", f"This place follows no feed. Add one: `{ctx.prefix}feed add <url>`."
        )
    lines = []
    for row in rows:
        state = f"every {_minutes(row.interval_seconds)}"
        if row.paused_reason:
            state = f"paused: {row.paused_reason}"
        elif row.failures:
            state += f", {row.failures} failed attempts in a row"
        lines.append(f"feed {row.number}: {row.title or row.url}\n{row.url} · {state}")
    return Reply.result(Page(title="Feeds followed here", paragraphs=tuple(lines)))


async def _remove(ctx: Context, target: str) -> Reply:
    number = target.lstrip("#").strip()
    known = number.isdecimal() and len(number) < 12
    row = await ctx.library.feed(int(number)) if known else None
    if row is None or row.place != ctx.request.place:
        return Reply.error(
            f"This place follows no feed {target}. See `{ctx.prefix}feed list`.", title="Feed"
        )
    await ctx.library.remove_feed(row, ctx.actor, ctx.request.place)
    return Reply.info("Feed removed", f"This place no longer follows {row.title or row.url}.")


def _minutes(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    return f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s"
