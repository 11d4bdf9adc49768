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

from bot import render_text
from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Citation, Page, Quotation, Reply

MAX_CONTENT_BYTES = 30_000
MAX_CHUNK_CHARS = 2_000
_ROOM_MENTION = re.compile(r"@(?=room)", re.IGNORECASE)
_HIGHLIGHT = re.compile(re.escape(HIGHLIGHT_START) + "(.*?)" + re.escape(HIGHLIGHT_END), re.S)
_MARKERS = re.compile(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]")
_CODE = re.compile(r"`([^`\n]+)`")


def defuse(text: str) -> str:
    """Text that cannot notify a whole room (`@room` gets an invisible word joiner)."""
    return _ROOM_MENTION.sub("@\u2060", text)


def _inline(text: str) -> str:
    """Escaped text (no code spans in it) with search highlights as <b>."""
    escaped = html.escape(defuse(text), quote=True)
    return _MARKERS.sub("", _HIGHLIGHT.sub(r"<b>\1</b>", escaped))


def escape(text: str) -> str:
    """HTML-escaped text: `code` spans as <code>, search highlights as <b>, line breaks as <br>."""
    parts: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        parts.append(_inline(text[last : match.start()]))
        code = html.escape(defuse(_MARKERS.sub("", match.group(1))), quote=True)
        parts.append(f"<code>{code}</code>")
        last = match.end()
    parts.append(_inline(text[last:]))
    return "".join(parts).replace("\n", "<br>")


def _href(url: str) -> str | None:
    return html.escape(url, quote=True) if url.startswith(("https://", "http://")) else None


def _link(url: str, label: str) -> str:
    href = _href(url)
    return f'<a href="{href}">{escape(label)}</a>' if href else escape(label)


@dataclass(frozen=True)
class Block:
    """One piece of a page in both renderings. The plain text is the console's layout
    (`bot.render_text`): `attached` pieces follow the previous one on the next line, the others
    after a blank line."""

    text: str
    html: str
    attached: bool = False


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
            defuse(render_text.quoted_text(piece)),
            f"<blockquote>{escape(piece)}</blockquote>",
            attached=index > 0,
        )
        for index, piece in enumerate(_chunks(quotation.text))
    ]
    credit = f"— {quotation.speaker}, in "
    markup = escape(credit) + _link(quotation.url or "", quotation.citation)
    return [*blocks, Block(defuse(render_text.credit_text(quotation)), f"<p>{markup}</p>", True)]


def _citation_blocks(citations: tuple[Citation, ...]) -> list[Block]:
    """Footnotes: each cited sentence, its number linking to the sentence in the original."""
    blocks = [Block(render_text.CITED, f"<p><b>{escape(render_text.CITED)}</b></p>")]
    for citation in citations:
        number = _link(citation.url or "", f"[{citation.number}]")
        markup = f"<p>{number} {escape(citation.text)}</p>"
        blocks.append(Block(defuse(render_text.citation_text(citation)), markup, attached=True))
    return blocks


def page_blocks(page: Page) -> list[Block]:
    blocks: list[Block] = []
    if page.title:
        blocks.append(
            Block(defuse(render_text.title_text(page.title)), f"<h4>{escape(page.title)}</h4>")
        )
    for paragraph in page.paragraphs:
        for piece in _chunks(paragraph):
            blocks.append(
                Block(defuse(render_text.paragraph_text(piece)), f"<p>{escape(piece)}</p>")
            )
    for quotation in page.quotations:
        blocks.extend(_quotation_blocks(quotation))
    if page.citations:
        blocks.extend(_citation_blocks(page.citations))
    tail: list[Block] = []
    for field in page.fields:
        markup = f"<b>{escape(field.name)}</b>: {escape(field.value)}<br>"
        tail.append(Block(defuse(render_text.field_text(field)), markup, attached=bool(tail)))
    if page.link:
        markup = f"<p>{_link(page.link, page.link)}</p>"
        tail.append(Block(defuse(render_text.link_text(page.link)), markup, attached=bool(tail)))
    if page.footer:
        markup = f"<p><i>{escape(page.footer)}</i></p>"
        tail.append(
            Block(defuse(render_text.footer_text(page.footer)), markup, attached=bool(tail))
        )
    return blocks + tail


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


def _body(blocks: list[Block]) -> str:
    body = ""
    for block in blocks:
        separator = "\n" if block.attached else render_text.SECTION_BREAK
        body = f"{body}{separator}{block.text}" if body else block.text
    return body


def _size(blocks: list[Block]) -> int:
    return len(json.dumps({"b": _body(blocks), "f": "".join(b.html for b in blocks)}))


def render_reply(reply: Reply, prefix: str) -> list[tuple[str, str]]:
    """(body, formatted_body) of each message showing the reply's first page.

    A page that fits one message has the body `bot.render_text.render_first` gives it.
    """
    blocks = page_blocks(reply.first)
    if len(reply.pages) > 1:
        remaining = len(reply.pages) - 1
        more = f"<p><i>{escape(render_text.more_pages(remaining, prefix))}</i></p>"
        blocks.append(Block(render_text.more_text(remaining, prefix), more, attached=True))
    if not blocks:
        blocks.append(Block("(nothing to show)", "<p><i>(nothing to show)</i></p>"))
    messages: list[list[Block]] = [[]]
    for block in blocks:
        if messages[-1] and _size([*messages[-1], block]) > MAX_CONTENT_BYTES:
            messages.append([])
        messages[-1].append(block)
    return [(_body(m), "".join(b.html for b in m)) for m in messages]
