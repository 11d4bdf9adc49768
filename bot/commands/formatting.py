"""Small builders shared by the handlers: citations, list lines, pagination."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar
from urllib.parse import quote

from bot.models import Page, Quotation
from storage import ArticleRow, QuotationRow

T = TypeVar("T")
Ref = Callable[[int, int], str]  # (community, number) -> how the request's community says it


FRAGMENT_WORDS = 4  # words at each end of a sentence that a text fragment link names


def sentence_link(url: str, sentence: str) -> str | None:
    """A link to `sentence` in the page at `url` (a text fragment, `#:~:text=start,end`,
    which browsers scroll to and highlight); None without an http(s) URL."""
    if not url.startswith(("https://", "http://")):
        return None
    words = sentence.split()
    if len(words) <= 2 * FRAGMENT_WORDS:
        target = _fragment(" ".join(words))
    else:
        start = _fragment(" ".join(words[:FRAGMENT_WORDS]))
        target = f"{start},{_fragment(' '.join(words[-FRAGMENT_WORDS:]))}"
    return f"{url.split('#', 1)[0]}#:~:text={target}"


def _fragment(text: str) -> str:
    # `-`, `,` and `&` mean something in a text fragment: they are encoded too.
    return quote(text, safe="").replace("-", "%2D")


def citation(title: str, outlet: str, published: str, ref: str) -> str:
    """`Title — Outlet, 2021-07-30 (#3)`."""
    where = ", ".join(part for part in (outlet, published[:10]) if part)
    return f"{title} — {where} ({ref})" if where else f"{title} ({ref})"


def article_citation(article: ArticleRow, ref: Ref) -> str:
    return citation(
        article.title, article.outlet, article.published, ref(article.community_id, article.number)
    )


def quotation_block(row: QuotationRow, ref: Ref) -> Quotation:
    return Quotation(
        # A quotation cut before its attribution ("…on all of this," he said) keeps its comma
        # in the store, where offsets must match the text; shown alone it drops it.
        text=row.text.rstrip(" ,;:"),
        speaker=row.speaker or "unattributed",
        citation=citation(
            row.article_title,
            row.article_outlet,
            row.article_published,
            ref(row.article_community, row.article_number),
        ),
        url=row.article_url or None,
    )


def article_line(article: ArticleRow, ref: Ref) -> str:
    details = ", ".join(part for part in (article.outlet, article.published[:10]) if part)
    return f"{ref(article.community_id, article.number)} {article.title}" + (
        f" — {details}" if details else ""
    )


def bare_link(text: str) -> str:
    """A link without the <> that Discord and Matrix users wrap around it to hide the preview."""
    return text.strip().strip("<>").strip()


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def number_pages(pages: Sequence[Page]) -> tuple[Page, ...]:
    """Add `page i of n` to the footers of a multi-page result."""
    if len(pages) < 2:
        return tuple(pages)
    total = len(pages)
    numbered = []
    for index, page in enumerate(pages, 1):
        footer = f"Page {index} of {total}" + (f" · {page.footer}" if page.footer else "")
        numbered.append(replace(page, footer=footer))
    return tuple(numbered)
