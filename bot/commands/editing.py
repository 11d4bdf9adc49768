"""`remove` and `edit`: moderators correct their own community's library."""

from __future__ import annotations

import re
from datetime import date

from bot.commands.context import Context
from bot.commands.formatting import article_line
from bot.commands.spec import Args
from bot.models import Reply
from storage import EDITABLE_FIELDS

EDIT_FIELDS = ("title", "author", "outlet", "url", "date")
CLEAR = ('""', "''", "“”", "-")  # what `edit` takes to mean "make this field empty"


async def remove(ctx: Context, args: Args) -> Reply:
    found = await ctx.own_article(args["article"])
    if isinstance(found, Reply):
        return found
    removed = await ctx.library.remove(found, ctx.actor, ctx.request.place)
    if removed is None:
        return Reply.error(f"{ctx.library.ref(found)} was already removed.")
    return Reply.info(
        "Removed",
        f"Removed {ctx.library.ref(removed)}: {removed.title}",
        "Its number is not given to another article.",
    )


async def edit(ctx: Context, args: Args) -> Reply:
    found = await ctx.own_article(args["article"])
    if isinstance(found, Reply):
        return found
    name: str = args["field"]
    column = "published" if name == "date" else name
    assert column in EDITABLE_FIELDS
    value: str = " ".join(args["value"].split())
    if value in CLEAR:
        value = ""
    if name == "title" and not value:
        return Reply.error("A title cannot be empty.")
    if name == "url" and value and not re.match(r"^https?://\S+$", value):
        return Reply.error("A URL must start with http:// or https://.")
    if name == "date" and value and not _valid_date(value):
        return Reply.error("Write a real date as YYYY-MM-DD (or YYYY-MM, or YYYY).")
    updated = await ctx.library.edit(found, column, value, ctx.actor, ctx.request.place)
    if updated is None:
        return Reply.error(f"{ctx.library.ref(found)} no longer exists.")
    return Reply.info(
        "Edited",
        f"{name} of {ctx.library.ref(found)} is now: {value or '(empty)'}",
        article_line(updated, ctx.library.ref_of),
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
