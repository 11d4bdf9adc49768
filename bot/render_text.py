"""Plain-text rendering of a reply page (console, CLI, and the plain `body` of chat messages)."""

from __future__ import annotations

from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Page, Reply


def plain(text: str, mark: str = "*") -> str:
    """Text with search highlights shown as `*word*`."""
    return text.replace(HIGHLIGHT_START, mark).replace(HIGHLIGHT_END, mark)


def render_page(page: Page) -> str:
    lines: list[str] = []
    if page.title:
        lines.append(plain(page.title, ""))
        lines.append("=" * min(len(lines[-1]), 72))
    for paragraph in page.paragraphs:
        lines.append(plain(paragraph))
        lines.append("")
    for quotation in page.quotations:
        for line in quotation.text.splitlines() or [""]:
            lines.append(f"  > {line}" if line else "  >")
        lines.append(f"    — {quotation.speaker}, in {quotation.citation}")
        if quotation.url:
            lines.append(f"      {quotation.url}")
        lines.append("")
    for field in page.fields:
        lines.append(f"{field.name}: {field.value}")
    if page.link:
        lines.append(f"Link: {page.link}")
    if page.footer:
        lines.append(f"({plain(page.footer, '')})")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def render_first(reply: Reply, prefix: str) -> str:
    """The first page, with a pointer to `next` when there are more."""
    text = render_page(reply.first)
    if len(reply.pages) > 1:
        text += f"\n({len(reply.pages) - 1} more — type {prefix}next)"
    return text
