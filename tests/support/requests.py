"""Requests as an adapter would build them, and one way to ask the core and read its answer."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core import Bot
from bot.library import Library
from bot.models import Attachment, Reply, Request, Role
from bot.render_text import render_page

SPACE = "test:space"  # the community the core tests read and write
PLACE = "test:room"


def request(
    text: str = "",
    *,
    role: Role = Role.MODERATOR,
    user: str = "u1",
    name: str = "Tester",
    place: str = PLACE,
    space: str = SPACE,
    files: tuple[Attachment, ...] = (),
    command: str | None = None,
    options: Mapping[str, str] | None = None,
) -> Request:
    return Request(
        user_id=user,
        display_name=name,
        role=role,
        place=place,
        text=text,
        attachments=files,
        command=command,
        options=options or {},
        space=space,
    )


async def ask(bot: Bot, text: str = "", **details: object) -> Reply:
    """The core's reply to one request (see `request` for the details); never silence."""
    reply = await bot.handle(request(text, **details))  # type: ignore[arg-type]
    assert reply is not None, f"no reply to {text!r}"
    return reply


def shown(reply: Reply) -> str:
    """Every page of a reply as plain text, as the console prints it."""
    return "\n".join(render_page(page) for page in reply.pages)


async def library(bot: Bot, space: str = SPACE) -> Library:
    return await bot.library_for_space(space)


async def seed(bot: Bot, *texts: str, space: str = SPACE) -> Library:
    """A library in `space` holding the pasted `texts`, numbered #1, #2, ... in order."""
    from bot.ingest.text import from_pasted

    found = await library(bot, space)
    for text in texts:
        added = await found.add(from_pasted(text, 1_000_000), "setup (0)", "test")
        assert not added.duplicate
    return found


async def checksum(bot: Bot, space: str = SPACE) -> str:
    """A digest of everything stored, once the community of `space` exists (it is made on
    first use, which is not a change a refused command made)."""
    await library(bot, space)
    return await bot.store.checksum()
