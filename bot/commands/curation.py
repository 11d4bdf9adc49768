"""Handlers of the moderators' commands: add, remove, edit, stats."""

from __future__ import annotations

import asyncio
import re

from bot.commands.context import Context
from bot.commands.formatting import article_line
from bot.commands.spec import Args
from bot.ingest.text import IngestError, from_file, from_pasted
from bot.library import Added
from bot.models import Field, Page, Reply
from storage import EDITABLE_FIELDS

MAX_FILES = 10
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+$")
EDIT_FIELDS = ("title", "author", "outlet", "url", "date")


def _added_line(added: Added) -> str:
    if added.duplicate:
        return f"Already in the library as #{added.article.id}: {added.article.title}"
    return (
        f"Added #{added.article.id}: {added.article.title} "
        f"({added.article.word_count:,} words, {added.quotations} quotations)"
    )


async def add(ctx: Context, args: Args) -> Reply:
    source: str = args.get("source", "").strip()
    if source.startswith("<") and source.endswith(">") and "\n" not in source:
        source = source[1:-1].strip()  # Discord users wrap links in <> to hide the preview
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
    if _URL.match(source) and "\n" not in source:
        from bot.commands.web_handlers import add_url

        return await add_url(ctx, source)
    try:
        doc = from_pasted(source, ctx.settings.max_upload_bytes)
    except IngestError as err:
        return Reply.error(str(err), title="Not added")
    added = await ctx.library.add(doc, ctx.actor, ctx.request.place)
    return _add_reply([_added_line(added)], failed=0)


async def _add_files(ctx: Context) -> Reply:
    lines: list[str] = []
    failed = 0
    for attachment in ctx.request.attachments:
        try:
            # Off the event loop: hostile HTML can take the extractor a minute.
            doc = await asyncio.to_thread(
                from_file, attachment.filename, attachment.data, ctx.settings.max_upload_bytes
            )
        except IngestError as err:
            failed += 1
            lines.append(f"Not added: {err}")
            continue
        lines.append(_added_line(await ctx.library.add(doc, ctx.actor, ctx.request.place)))
    return _add_reply(lines, failed)


def _add_reply(lines: list[str], failed: int) -> Reply:
    if failed == len(lines):
        return Reply.error("\n".join(lines), title="Not added")
    return Reply.info("Library updated", "\n".join(lines))


async def remove(ctx: Context, args: Args) -> Reply:
    found = await ctx.article(args["article"])
    if isinstance(found, Reply):
        return found
    removed = await ctx.store.remove_article(found.id, ctx.actor, ctx.request.place)
    if removed is None:
        return Reply.error(f"#{found.id} was already removed.")
    return Reply.info("Removed", f"Removed #{removed.id}: {removed.title}")


async def edit(ctx: Context, args: Args) -> Reply:
    found = await ctx.article(args["article"])
    if isinstance(found, Reply):
        return found
    name: str = args["field"]
    column = "published" if name == "date" else name
    assert column in EDITABLE_FIELDS
    value: str = " ".join(args["value"].split())
    if name == "title" and not value:
        return Reply.error("A title cannot be empty.")
    if name == "url" and value and not re.match(r"^https?://\S+$", value):
        return Reply.error("A URL must start with http:// or https://.")
    if name == "date" and value and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
        return Reply.error("Write the date as YYYY-MM-DD (or YYYY-MM, or YYYY).")
    updated = await ctx.store.edit_article(found.id, column, value, ctx.actor, ctx.request.place)
    if updated is None:
        return Reply.error(f"#{found.id} no longer exists.")
    return Reply.info(
        "Edited", f"{name} of #{found.id} is now: {value or '(empty)'}", article_line(updated)
    )


async def stats(ctx: Context, args: Args) -> Reply:
    numbers = await ctx.store.stats()
    fields = (
        Field("Articles", f"{numbers.articles:,}"),
        Field("Words", f"{numbers.words:,}"),
        Field("Quotations", f"{numbers.quotations:,}"),
        Field("Speakers", f"{numbers.speakers:,}"),
        Field("Cited sources", f"{numbers.cited_sources:,}"),
        Field("Feeds", f"{numbers.feeds:,}"),
        Field("Database", f"{numbers.db_bytes / 1_000_000:.1f} MB"),
    )
    top = ", ".join(f"{name} ({count})" for name, count in numbers.top_speakers)
    return Reply.result(
        Page(
            title="Library statistics",
            paragraphs=(f"Most quoted: {top}",) if top else (),
            fields=fields,
        )
    )
