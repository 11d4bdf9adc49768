"""Handlers of the moderators' commands: add, remove, edit, stats."""

from __future__ import annotations

import asyncio
import re
from datetime import date

from bot.commands.context import Context
from bot.commands.formatting import article_line, bare_link
from bot.commands.spec import Args
from bot.ingest.text import IngestError, from_file, from_pasted, plural, short_name
from bot.library import Added
from bot.models import Field, Page, Reply
from storage import EDITABLE_FIELDS

MAX_FILES = 10
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S*$")
EDIT_FIELDS = ("title", "author", "outlet", "url", "date")


def _added_line(added: Added) -> str:
    article = added.article
    if added.duplicate:
        return f"Already in the library as #{article.id}: {article.title}"
    return (
        f"Added #{article.id}: {article.title} ({plural(article.word_count, 'word')}, "
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
    if "\n" not in source and _URL.match(bare_link(source)):
        from bot.commands.web_handlers import add_url

        return await add_url(ctx, bare_link(source))
    try:
        doc = from_pasted(source, ctx.settings.max_upload_bytes)
    except IngestError as err:
        return Reply.error(str(err), title="Not added")
    return _add_reply([await ctx.library.add(doc, ctx.actor, ctx.request.place)], [])


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
    return _add_reply(added, failures)


def _add_reply(added: list[Added], failures: list[str]) -> Reply:
    """One line per file; the title says whether anything new came in."""
    if not added:
        return Reply.error("\n".join(failures), title="Not added")
    lines = [_added_line(a) for a in added] + [f"Not added: {f}" for f in failures]
    if all(a.duplicate for a in added):
        return Reply.info("Already in the library", "\n".join(lines))
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
    if name == "date" and value and not _valid_date(value):
        return Reply.error("Write a real date as YYYY-MM-DD (or YYYY-MM, or YYYY).")
    updated = await ctx.store.edit_article(found.id, column, value, ctx.actor, ctx.request.place)
    if updated is None:
        return Reply.error(f"#{found.id} no longer exists.")
    return Reply.info(
        "Edited", f"{name} of #{found.id} is now: {value or '(empty)'}", article_line(updated)
    )


def _valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists."""
    if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


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
