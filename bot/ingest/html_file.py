"""An uploaded HTML file becomes a document through the same extraction as web pages."""

from __future__ import annotations

from bot.ingest.html import extract_article
from bot.ingest.text import Document, IngestError, _document


def document_from_html(html: str, filename: str) -> Document:
    page = extract_article(html, "")
    if not page.text.strip():
        raise IngestError(f"`{filename}` holds no article text that could be found.")
    return _document(
        page.title or filename.rsplit(".", 1)[0],
        page.text,
        author=page.author or "",
        outlet=page.site_name or "",
        published=page.date or "",
        language=page.language or "",
        links=tuple((link.text, link.url) for link in page.links),
    )
