"""Markdown (a .md file or a paste) rendered to the plain text an article is stored as.

markdown-it-py parses it (CommonMark, with GFM tables and strikethrough); the text keeps what a
reader reads and drops the markup: headings and paragraphs become paragraphs, list items become
"• " lines, quotations and code their plain text, images (their alt text is a caption) and raw
HTML nothing. Links become their anchor text in the article, and cited sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

BULLET = "• "
_STRONG_SIGNS = frozenset(
    {"heading_open", "blockquote_open", "fence", "table_open", "link_open", "image",
     "strong_open", "em_open", "s_open"}
)
_parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Rendered:
    title: str  # the heading the text opens with, "" when it opens otherwise
    text: str  # paragraphs separated by blank lines
    links: tuple[tuple[str, str], ...]  # (anchor text, absolute http(s) URL)


def looks_like_markdown(text: str) -> bool:
    """Whether `text` uses Markdown syntax: a heading, link, image, emphasis, quotation, code
    fence or table, or a list of two or more items (one line opening with "- " is prose)."""
    tokens = _parser.parse(text)
    for token in _walk(tokens):
        if token.type in _STRONG_SIGNS and token.markup != "autolink":
            return True
    items_per_list = [0]
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            items_per_list.append(0)
        elif token.type == "list_item_open":
            items_per_list[-1] += 1
    return max(items_per_list) >= 2


def render(text: str) -> Rendered:
    blocks: list[str] = []
    links: list[tuple[str, str]] = []
    row: list[str] | None = None  # the cells of the table row being read
    title = ""
    in_item = False
    tokens = _parser.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item = True
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" · ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            parent = tokens[index - 1].type if index else ""
            line = _inline_text(token.children or [], links).strip()
            if row is not None:
                row.append(" ".join(line.split()))
            elif not line:
                continue
            elif parent == "heading_open" and not blocks and not title:
                title = " ".join(line.split())
            elif in_item and parent == "paragraph_open":
                blocks.append(BULLET + line)
                in_item = False  # a second paragraph of the item is a plain paragraph
            else:
                blocks.append(line)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
        elif token.type == "html_block":
            blocks.append(_html_text(token.content))
    return Rendered(title, "\n\n".join(b for b in blocks if b), tuple(links))


def _inline_text(children: list[Token], links: list[tuple[str, str]]) -> str:
    """The text of an inline run; links' anchors are kept and their targets collected."""
    parts: list[str] = []
    anchor_from: int | None = None
    href = ""
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            anchor_from, href = len(parts), str(child.attrGet("href") or "")
        elif child.type == "link_close" and anchor_from is not None:
            anchor = " ".join("".join(parts[anchor_from:]).split())
            if urlsplit(href).scheme in ("http", "https"):
                links.append((anchor or href, href))
            anchor_from = None
        # images, raw HTML and emphasis markers add nothing to the text
    return "".join(parts)


def _html_text(markup: str) -> str:
    """The readable text of a raw HTML block inside the Markdown ("" for comments, scripts)."""
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, TypeError):  # lxml's ParserError is a ValueError
        return ""
    for junk in fragment.xpath(".//script|.//style"):
        junk.drop_tree()
    return " ".join(fragment.text_content().split())


def _walk(tokens: list[Token]) -> list[Token]:
    """Block tokens and the inline tokens inside them, in order."""
    flat: list[Token] = []
    for token in tokens:
        flat.append(token)
        flat.extend(token.children or [])
    return flat
