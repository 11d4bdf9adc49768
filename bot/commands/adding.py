"""`add`: an article from attached files, pasted text, or a link fetched safely."""

from __future__ import annotations

import asyncio
import logging
import re

from bot.commands.context import Context
from bot.commands.formatting import bare_link
from bot.commands.spec import Args
from bot.ingest.fetch import FetchError
from bot.ingest.text import IngestError, from_file, from_pasted, plural, short_name
from bot.ingest.web import ingest_url
from bot.library import Added
from bot.models import Field, Page, Reply
from storage import ArticleRow

log = logging.getLogger(__name__)
MAX_FILES = 10
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S*$")
# `example.org/story`: one word with a dot in a host-like first part and a path.
_BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+/\S*$")


def _added_line(ctx: Context, added: Added) -> str:
    article = added.article
    ref = ctx.library.ref(article)
    if added.duplicate:
        return f"Already in the library as {ref}: {article.title}"
    return (
        f"Added {ref}: {article.title} ({plural(article.word_count, 'word')}, "
        f"{plural(added.quotations, 'quotation')})"
    )


async def add(ctx: Context, args: Args) -> Reply:
    source: str = args.get("source", "").strip()
    attachments = ctx.request.attachments
    if not source and not attachments:
        return Reply.error(
            f"Attach a .txt, .md or .html file, paste the article (title on the first line), "
            f"or give a link: `{ctx.prefix}add https://example.org/story`.",
            title="Nothing to add",
        )
    if attachments:
        if len(attachments) > MAX_FILES:
            return Reply.error(f"Attach at most {MAX_FILES} files at a time.")
        return await _add_files(ctx)
    link = bare_link(source)
    if "\n" not in source and _URL.match(link):
        return await _add_url(ctx, "https://" + link if link.lower().startswith("www.") else link)
    if "\n" not in source and _BARE_HOST.match(link):
        return Reply.error(
            f"Links start with https:// — did you mean `{ctx.prefix}add https://{link[:200]}`?",
            title="Not added",
        )
    try:
        doc = from_pasted(source, ctx.settings.max_upload_bytes)
    except IngestError as err:
        return Reply.error(str(err), title="Not added")
    return _add_reply(ctx, [await ctx.library.add(doc, ctx.actor, ctx.request.place)], [])


async def _add_files(ctx: Context) -> Reply:
    added: list[Added] = []
    failures: list[str] = []
    for attachment in ctx.request.attachments:
        try:
            # Off the event loop: hostile HTML can take the extractor a minute.
            doc = await asyncio.to_thread(
                from_file, attachment.filename, attachment.data, ctx.settings.max_upload_bytes
            )
        except IngestError as err:
            name = f"`{short_name(attachment.filename)}`"
            failures.append(str(err) if name in str(err) else f"{name}: {err}")
            continue
        added.append(await ctx.library.add(doc, ctx.actor, ctx.request.place))
    return _add_reply(ctx, added, failures)


def _add_reply(ctx: Context, added: list[Added], failures: list[str]) -> Reply:
    """One line per file; the title says whether anything new came in."""
    if not added:
        return Reply.error("\n".join(failures), title="Not added")
    lines = [_added_line(ctx, a) for a in added] + [f"Not added: {f}" for f in failures]
    if all(a.duplicate for a in added):
        return Reply.info("Already in the library", "\n".join(lines))
    return Reply.info("Library updated", "\n".join(lines))


def fetch_refusal(ctx: Context) -> Reply | None:
    """A refusal when this person or community has asked for too many fetches lately."""
    wait = ctx.fetch_gate.take(ctx.community.id, ctx.request.user_id)
    if not wait:
        return None
    return Reply.error(
        "Links are fetched a few at a time for each server or room, so that everyone gets "
        f"theirs; try again in {wait:.0f} s.",
        title="Too many links at once",
    )


async def _add_url(ctx: Context, url: str) -> Reply:
    """A web article fetched safely, read, and stored whole — or a clear refusal."""
    refusal = fetch_refusal(ctx)
    if refusal:
        return refusal
    try:
        async with ctx.fetch_gate.slot(ctx.community.id):
            added, article = await ingest_url(
                ctx.library, url, ctx.settings, ctx.actor, ctx.request.place
            )
    except FetchError as err:
        log.info("add %s refused for %s: %s", url[:200], ctx.actor, type(err).__name__)
        return Reply.error(err.message, title="Not added")
    row = added.article
    ref = ctx.library.ref(row)
    if added.duplicate:
        return Reply.info("Already in the library", f"{ref}: {row.title}", fields=_fields(row))
    line = (
        f"Added {ref}: {row.title} ({plural(row.word_count, 'word')}, "
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
