"""A core `Reply` as Discord embeds, always within Discord's limits.

Text that does not fit one embed continues on the next, cut at a sentence boundary and marked
with `…`, so a long summary becomes several pages instead of a message Discord would reject.
Beyond `MAX_PARTS` embeds per page the text is cut with a pointer to where the rest is.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

import discord

from bot.models import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Citation,
    Field,
    Page,
    Quotation,
    Reply,
    ReplyKind,
)
from bot.render_text import CITED

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
EMBED_TOTAL_MAX = 6000
# Our own, tighter budgets, so that title + description + fields + footer never pass 6000.
FOOTER_BUDGET = 400
FIELDS_BUDGET = 3000
MAX_PARTS = 8  # embeds one page may grow into before its text is cut
CONTINUED = " (continued)"
MORE_FOLLOWS = "continued on the next page"
NOTE_RESERVE = 160  # room kept for the "shortened" pointer at the very end

COLOURS = {
    ReplyKind.RESULT: discord.Colour(0x2D7D9A),
    ReplyKind.INFO: discord.Colour(0x5865F2),
    ReplyKind.ERROR: discord.Colour(0xED4245),
}

_HIGHLIGHT = re.compile(re.escape(HIGHLIGHT_START) + "(.*?)" + re.escape(HIGHLIGHT_END), re.S)
_CODE = re.compile(r"`([^`\n]+)`")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")
_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]]+$")


def plain(text: str) -> str:
    """Text without the search highlight markers."""
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def _escaped(text: str) -> str:
    escaped = discord.utils.escape_markdown(text)
    bold = _HIGHLIGHT.sub(
        lambda m: f"**{m.group(1)}**" if m.group(1).strip() else m.group(1), escaped
    )
    return plain(bold)


def markdown(text: str) -> str:
    """Escape Discord markdown, show search highlights in bold, keep `code` spans as code.

    Discord shows a code span's content literally, so only the text around spans is escaped.
    """
    parts: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        parts.append(_escaped(text[last : match.start()]))
        parts.append(f"`{plain(match.group(1))}`")
        last = match.end()
    parts.append(_escaped(text[last:]))
    return "".join(parts)


def cut_at_sentence(text: str, limit: int) -> tuple[str, str]:
    """Split `text` so the head has at most `limit` characters, at a sentence end if one is near.

    Falls back to the last space, then to a hard cut. The rest is returned without its leading
    white space.
    """
    if len(text) <= limit:
        return text, ""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1)]
    cut = ends[-1] if ends and ends[-1] >= limit // 3 else -1
    if cut == -1:
        space = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
        cut = space if space >= limit // 2 else limit
    return text[:cut].rstrip(), text[cut:].lstrip()


def fit_markdown(text: str, limit: int) -> str:
    """`markdown(text)` cut (with `…`) so that it has at most `limit` characters."""
    text = text[: 2 * limit + 16]  # markdown never shrinks text by half: skip what cannot show
    rendered = markdown(text)
    budget = limit - 1
    while len(rendered) > limit and budget > 1:
        head, _ = cut_at_sentence(text, budget)
        rendered = markdown(head) + "…"
        budget = min(budget - 1, budget * limit // len(rendered))  # shrink by the overflow ratio
    return rendered[:limit]


@dataclass(frozen=True)
class _Block:
    """A paragraph or a quotation of a page, kept raw until it is known where it is cut."""

    text: str
    attribution: str | None = None  # markdown line under a quotation
    lead: str = ""  # markdown before the text (a footnote's linked number)

    def render(self, text: str, complete: bool) -> str:
        body = self.lead + markdown(text)
        if self.attribution is None:
            return body
        quoted = "\n".join(f"> {line}" for line in body.split("\n"))
        return f"{quoted}\n{self.attribution}" if complete else quoted

    def fit(self, text: str, budget: int) -> tuple[str, str]:
        """The longest rendered head of `text` within `budget`, and the raw rest."""
        limit = budget
        while True:
            head, rest = cut_at_sentence(text, max(limit, 1))
            rendered = self.render(f"{head} …" if rest else head, complete=not rest)
            if len(rendered) <= budget or limit <= 1:
                return rendered[:budget], rest
            limit = min(limit - 8, limit * budget // len(rendered))


def _attribution(quotation: Quotation) -> str:
    line = (
        f"— **{fit_markdown(quotation.speaker, 200)}**, in {fit_markdown(quotation.citation, 400)}"
    )
    if quotation.url and len(quotation.url) <= 500 and _SAFE_URL.match(quotation.url):
        line += f" · [source]({quotation.url})"
    return line


def _footnote(citation: Citation) -> _Block:
    """A cited sentence, its number linking to the sentence in the original when it can."""
    url = citation.url
    if url and len(url) <= 1000 and _SAFE_URL.match(url):
        return _Block(citation.text, lead=f"\\[[{citation.number}]({url})\\] ")
    return _Block(citation.text, lead=f"\\[{citation.number}\\] ")


def _blocks(page: Page) -> list[_Block]:
    blocks = [_Block(p) for p in page.paragraphs if p.strip()]
    blocks += [_Block(q.text, _attribution(q)) for q in page.quotations]
    if page.citations:
        blocks.append(_Block("", lead=f"**{CITED}**"))
        blocks += [_footnote(c) for c in page.citations]
    return blocks


def _fields(fields: tuple[Field, ...]) -> tuple[list[tuple[str, str, bool]], int]:
    """Fields within the per-field limits and our total budget; the rest are left out."""
    shown: list[tuple[str, str, bool]] = []
    used = 0
    for field in fields[:FIELDS_MAX]:
        name = fit_markdown(field.name, FIELD_NAME_MAX) or "\u200b"
        value = fit_markdown(field.value, FIELD_VALUE_MAX) or "—"
        if used + len(name) + len(value) > FIELDS_BUDGET:
            break
        shown.append((name, value, field.inline))
        used += len(name) + len(value)
    return shown, used


def _descriptions(blocks: list[_Block], first_budget: int, budget: int, pointer: str) -> list[str]:
    """Flow the blocks into descriptions of successive embeds."""
    parts: list[str] = []
    current = ""
    queue: deque[tuple[_Block, str, bool]] = deque((b, b.text, False) for b in blocks)
    while queue:
        block, text, continued = queue.popleft()
        room = (budget if parts else first_budget) - NOTE_RESERVE
        room -= len(current) + (2 if current else 0)
        shown = f"… {text}" if continued else text
        # Text over twice the room cannot fit once escaped; do not render it all to find out.
        rendered = block.render(shown, complete=True) if len(shown) <= 2 * room else None
        if rendered is not None and len(rendered) <= room:
            current = f"{current}\n\n{rendered}" if current else rendered
            continue
        if len(parts) == MAX_PARTS - 1:  # no more embeds: cut here and say where the rest is
            head, _ = block.fit(shown, max(room, 1))
            current = f"{current}\n\n{head}" if current else head
            current += f"\n\n*{pointer}*"
            queue.clear()
            break
        if current and room < 400:  # too little room left: start the block on the next embed
            parts.append(current)
            current = ""
            queue.appendleft((block, text, continued))
            continue
        head, rest = block.fit(shown, room)
        parts.append(f"{current}\n\n{head}" if current else head)
        current = ""
        if rest:
            queue.appendleft((block, rest, True))
    if current or not parts:
        parts.append(current)
    return parts


def render_page(page: Page, kind: ReplyKind) -> list[discord.Embed]:
    """One core page as one or more embeds (continuations when its text is long)."""
    title = fit_markdown(page.title, TITLE_MAX)
    fields, fields_length = _fields(page.fields)
    footer = plain(page.footer).replace("`", "")  # footers show no markdown: drop code marks
    footer = footer if len(footer) <= FOOTER_BUDGET - 40 else footer[: FOOTER_BUDGET - 41] + "…"
    link = (
        page.link if page.link and len(page.link) <= 2000 and _SAFE_URL.match(page.link) else None
    )
    pointer = "Shortened to fit Discord" + (
        ": the full text is at the link above." if link else "."
    )
    fixed = TITLE_MAX + FOOTER_BUDGET
    first_budget = min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - fixed - fields_length)
    budget = min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - fixed)
    descriptions = _descriptions(_blocks(page), first_budget, budget, pointer)
    embeds = []
    for index, description in enumerate(descriptions):
        heading = title
        if index and title:
            heading = fit_markdown(page.title, TITLE_MAX - len(CONTINUED)) + CONTINUED
        embed = discord.Embed(
            title=heading or None,
            description=description or None,
            url=link if heading else None,
            colour=COLOURS[kind],
        )
        if index == 0:
            for name, value, inline in fields:
                embed.add_field(name=name, value=value, inline=inline)
        notes = [footer] if footer else []
        if index < len(descriptions) - 1:
            notes.append(MORE_FOLLOWS)
        if notes:
            embed.set_footer(text=" · ".join(notes))
        if not (heading or description or fields or notes):
            embed.description = "(nothing to show)"
        embeds.append(embed)
    return embeds


def render_reply(reply: Reply) -> list[discord.Embed]:
    """Every page of a reply, in order; each embed is one screen of the pager."""
    return [embed for page in reply.pages for embed in render_page(page, reply.kind)]
