"""Plain-text rendering of a reply page (console, CLI, and the plain `body` of chat messages).

A page is laid out as sections separated by a blank line: the title (underlined), each
paragraph, each quotation with its credit, the cited sentences, then the fields, link and
footer together. The piece
functions are public so that a renderer that splits a page over several messages (Matrix)
lays each piece out exactly as here.
"""

from __future__ import annotations

from bot.models import HIGHLIGHT_END, HIGHLIGHT_START, Citation, Field, Page, Quotation, Reply

SECTION_BREAK = "\n\n"
CITED = "Cited sentences:"
TITLE_RULE_MAX = 72


def plain(text: str, mark: str = "*") -> str:
    """Text with search highlights shown as `*word*`."""
    return text.replace(HIGHLIGHT_START, mark).replace(HIGHLIGHT_END, mark)


def more_pages(remaining: int, prefix: str) -> str:
    """The pointer to the pages not shown, for platforms where `next` fetches them."""
    return f"{remaining} more — type {prefix}next"


def title_text(title: str) -> str:
    shown = plain(title, "")
    return f"{shown}\n{'=' * min(len(shown), TITLE_RULE_MAX)}"


def paragraph_text(paragraph: str) -> str:
    return plain(paragraph)


def quoted_text(text: str) -> str:
    """Quoted lines (of a quotation, or of one piece of a long one)."""
    return "\n".join(f"  > {line}" if line else "  >" for line in plain(text).splitlines() or [""])


def credit_text(quotation: Quotation) -> str:
    credit = f"    — {quotation.speaker}, in {quotation.citation}"
    return f"{credit}\n      {quotation.url}" if quotation.url else credit


def citation_text(citation: Citation) -> str:
    return f"[{citation.number}] {plain(citation.text)}"


def field_text(field: Field) -> str:
    return f"{field.name}: {field.value}"


def link_text(url: str) -> str:
    return f"Link: {url}"


def footer_text(footer: str) -> str:
    return f"({plain(footer, '')})"


def more_text(remaining: int, prefix: str) -> str:
    return f"({more_pages(remaining, prefix)})"


def render_page(page: Page) -> str:
    sections: list[str] = []
    if page.title:
        sections.append(title_text(page.title))
    sections.extend(paragraph_text(p) for p in page.paragraphs)
    sections.extend(f"{quoted_text(q.text)}\n{credit_text(q)}" for q in page.quotations)
    if page.citations:
        sections.append("\n".join([CITED, *(citation_text(c) for c in page.citations)]))
    tail = [field_text(f) for f in page.fields]
    if page.link:
        tail.append(link_text(page.link))
    if page.footer:
        tail.append(footer_text(page.footer))
    if tail:
        sections.append("\n".join(tail))
    return SECTION_BREAK.join(sections)


def render_first(reply: Reply, prefix: str) -> str:
    """The first page, with a pointer to `next` when there are more."""
    text = render_page(reply.first)
    if len(reply.pages) > 1:
        text += "\n" + more_text(len(reply.pages) - 1, prefix)
    return text
