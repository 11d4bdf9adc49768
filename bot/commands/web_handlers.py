"""`add <url>`: a web article fetched safely, read, and stored whole — or a clear refusal."""

from __future__ import annotations

import logging

from bot.commands.context import Context
from bot.ingest.fetch import FetchError
from bot.ingest.text import plural
from bot.ingest.web import ingest_url
from bot.models import Field, Page, Reply
from storage import ArticleRow

log = logging.getLogger(__name__)


async def add_url(ctx: Context, url: str) -> Reply:
    """Handle `add <url>` (the `add` command calls this when its argument is one link)."""
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        added, article = await ingest_url(
            ctx.library, url, ctx.settings, ctx.actor, ctx.request.place
        )
    except FetchError as err:
        log.info("add %s refused for %s: %s", url[:200], ctx.actor, type(err).__name__)
        return Reply.error(err.message, title="Not added")
    row = added.article
    if added.duplicate:
        return Reply.info("Already in the library", f"#{row.id}: {row.title}", fields=_fields(row))
    line = (
        f"Added #{row.id}: {row.title} ({plural(row.word_count, 'word')}, "
        f"{plural(added.quotations, 'quotation')}, {plural(len(article.links), 'link')} cited)"
    )
    page = Page(
        title="Library updated",
        paragraphs=(line,),
        fields=_fields(row),
        link=row.canonical_url or row.url,
    )
    return Reply.result(page)


def _fields(row: ArticleRow) -> tuple[Field, ...]:
    values = (("Outlet", row.outlet), ("Author", row.author), ("Date", row.published))
    return tuple(Field(name, value) for name, value in values if value)
