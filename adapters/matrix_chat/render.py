"""A `Reply` as Matrix `m.notice` contents: a plain `body` and an escaped HTML `formatted_body`.

Everything shown comes from users or articles, so every piece of text is escaped, `@room` is
broken with a word joiner, and `m.mentions` is empty: no reply can inject markup or ping anyone.
Long pages are split into several messages, each well below Matrix's 64 KiB event limit (with
room for encryption, which grows the content by about a third).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Page, Quotation, Reply
from bot.render_text import plain

MAX_CONTENT_BYTES = 30_000
MAX_CHUNK_CHARS = 2_000
_ROOM_MENTION = re.compile(r"@(?=room)", re.IGNORECASE)
_HIGHLIGHT = re.compile(re.escape(HIGHLIGHT_START) + "(.*?)" + re.escape(HIGHLIGHT_END), re.S)
_MARKERS = re.compile(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]")


def defuse(text: str) -> str:
    """Text that cannot notify a whole room (`@room` gets an invisible word joiner)."""
    return _ROOM_MENTION.sub("@\u2060", text)


def escape(text: str) -> str:
    """HTML-escaped text with search highlights as <b> and line breaks as <br>."""
    escaped = html.escape(defuse(text), quote=True)
    escaped = _MARKERS.sub("", _HIGHLIGHT.sub(r"<b>\1</b>", escaped))
    return escaped.replace("\n", "<br>")


def _href(url: str) -> str | None:
    return html.escape(url, quote=True) if url.startswith(("https://", "http://")) else None


def _link(url: str, label: str) -> str:
    href = _href(url)
    return f'<a href="{href}">{escape(label)}</a>' if href else escape(label)


@dataclass(frozen=True)
class Block:
    """One piece of a page in both renderings."""

    text: str
    html: str


def _chunks(text: str, size: int = MAX_CHUNK_CHARS) -> list[str]:
    """`text` in pieces of at most `size` characters, cut at whitespace where possible."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut])
        text = text[cut:].lstrip(" ")
    return [*pieces, text]


def _quotation_blocks(quotation: Quotation) -> list[Block]:
    blocks = [
        Block(
            "\n".join(f"> {line}" for line in defuse(plain(piece)).splitlines() or [""]),
            f"<blockquote>{escape(piece)}</blockquote>",
        )
        for piece in _chunks(quotation.text)
    ]
    credit = f"— {quotation.speaker}, in "
    text = defuse(credit + quotation.citation + (f" {quotation.url}" if quotation.url else ""))
    markup = escape(credit) + _link(quotation.url or "", quotation.citation)
    return [*blocks, Block(text, f"<p>{markup}</p>")]


def page_blocks(page: Page) -> list[Block]:
    blocks: list[Block] = []
    if page.title:
        blocks.append(Block(defuse(plain(page.title, "")), f"<h4>{escape(page.title)}</h4>"))
    for paragraph in page.paragraphs:
        for piece in _chunks(paragraph):
            blocks.append(Block(defuse(plain(piece)), f"<p>{escape(piece)}</p>"))
    for quotation in page.quotations:
        blocks.extend(_quotation_blocks(quotation))
    for field in page.fields:
        blocks.append(
            Block(
                defuse(f"{field.name}: {field.value}"),
                f"<b>{escape(field.name)}</b>: {escape(field.value)}<br>",
            )
        )
    if page.link:
        blocks.append(Block(defuse(f"Link: {page.link}"), f"<p>{_link(page.link, page.link)}</p>"))
    if page.footer:
        blocks.append(
            Block(defuse(f"({plain(page.footer, '')})"), f"<p><i>{escape(page.footer)}</i></p>")
        )
    return blocks


def notice(body: str, formatted: str, relates_to: dict[str, Any] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": body,
        "format": "org.matrix.custom.html",
        "formatted_body": formatted,
        "m.mentions": {},
    }
    if relates_to:
        content["m.relates_to"] = relates_to
    return content


def _size(blocks: list[Block]) -> int:
    body = "\n\n".join(b.text for b in blocks)
    return len(json.dumps({"b": body, "f": "".join(b.html for b in blocks)}))


def render_reply(reply: Reply, prefix: str) -> list[tuple[str, str]]:
    """(body, formatted_body) of each message showing the reply's first page."""
    blocks = page_blocks(reply.first)
    if len(reply.pages) > 1:
        more = f"{len(reply.pages) - 1} more — type {prefix}next"
        blocks.append(Block(f"({more})", f"<p><i>{escape(more)}</i></p>"))
    if not blocks:
        blocks.append(Block("(nothing to show)", "<p><i>(nothing to show)</i></p>"))
    messages: list[list[Block]] = [[]]
    for block in blocks:
        if messages[-1] and _size([*messages[-1], block]) > MAX_CONTENT_BYTES:
            messages.append([])
        messages[-1].append(block)
    return [("\n\n".join(b.text for b in m), "".join(b.html for b in m)) for m in messages]
