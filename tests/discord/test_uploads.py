"""Moderators add articles with `/add` and a file, or `!add` with an attachment."""

from __future__ import annotations

import simcord

from bot.core import Bot
from tests.discord.conftest import World
from tests.discord.helpers import only_embed, was_deferred
from tests.support.articles import UPLOAD
from tests.support.requests import checksum


async def test_slash_add_with_a_file_defers_then_adds(
    env: simcord.Env, world: World, core: Bot, downloads: list[str]
) -> None:
    result = await world.by_role.slash(world.channel, "add", file=("harbour.txt", UPLOAD.encode()))
    assert was_deferred(env) and not result.ephemeral  # "thinking…" first: adding may be slow
    embed = only_embed(result.response)
    assert embed.title == "Library updated"
    assert "Added #4: Harbour cleanup draws hundreds" in (embed.description or "")
    article = await world.article(4)
    assert article.added_by == f"libby ({world.by_role.id})"
    quotes = await world.library.quotations(article=article, limit=100)
    assert [q.speaker for q in quotes] == ["Ines Marlow"]
    assert downloads == ["harbour.txt"]


async def test_prefix_add_with_an_attachment(env: simcord.Env, world: World, core: Bot) -> None:
    await world.by_permission.send(
        world.channel, "!add", attachments=[("harbour.md", UPLOAD.encode("utf-8"))]
    )
    assert "Added #4" in (only_embed(world.channel.last_message).description or "")
    assert await world.library.count() == 4


async def test_slash_add_pasted_text(env: simcord.Env, world: World, core: Bot) -> None:
    result = await world.by_role.slash(world.channel, "add", source=UPLOAD)
    assert "Added #4" in (only_embed(result.response).description or "")


async def test_the_same_file_twice_is_a_duplicate(env: simcord.Env, world: World) -> None:
    data = UPLOAD.encode()
    await world.by_role.slash(world.channel, "add", file=("a.txt", data))
    result = await world.by_role.slash(world.channel, "add", file=("b.txt", data))
    assert "Already in the library as #4" in (only_embed(result.response).description or "")


async def test_an_oversized_file_is_refused_before_download(
    env: simcord.Env, world: World, core: Bot, downloads: list[str]
) -> None:
    before = await checksum(core)
    big = b"Big title\n\n" + b"word " * 20_000  # 100 KB; the limit in these tests is 50 KB
    result = await world.by_role.slash(world.channel, "add", file=("big.txt", big))
    assert result.ephemeral and not was_deferred(env)
    embed = only_embed(result.response)
    assert embed.title == "Not added" and "Too large" in (embed.description or "")
    await world.by_role.send(world.channel, "!add", attachments=[("big.txt", big)])
    assert "Too large" in (only_embed(world.channel.last_message).description or "")
    assert await checksum(core) == before
    assert downloads == []


async def test_a_binary_file_is_refused_privately(
    env: simcord.Env, world: World, core: Bot
) -> None:
    before = await checksum(core)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    result = await world.by_role.slash(world.channel, "add", file=("photo.txt", png))
    assert was_deferred(env)  # publicly "thinking…" (a moderator's add), yet the error is private:
    assert result.response is None  # the public placeholder is gone
    [answer] = result.followups
    assert answer.ephemeral
    embed = only_embed(answer)
    assert embed.title == "Not added" and "PNG image" in (embed.description or "")
    assert await checksum(core) == before


async def test_a_members_files_are_never_downloaded(
    env: simcord.Env, world: World, core: Bot, downloads: list[str]
) -> None:
    """The core refuses (and logs) the command; the adapter does not even fetch the file."""
    big = b"Big title\n\n" + b"word " * 20_000
    result = await world.member.slash(world.channel, "add", file=("big.txt", big))
    assert result.ephemeral and only_embed(result.response).title == "Not allowed"
    await world.member.send(world.channel, "!add", attachments=[("small.txt", UPLOAD.encode())])
    assert only_embed(world.channel.last_message).title == "Not allowed"
    assert downloads == []
    refused = [e.target for e in await world.library.audit() if e.action == "refused"]
    assert refused == ["add", "add"]


async def test_files_with_other_commands_are_ignored(
    env: simcord.Env, world: World, downloads: list[str]
) -> None:
    await world.by_role.send(world.channel, "!article #1", attachments=[("a.txt", b"x")])
    assert only_embed(world.channel.last_message).title == "River town votes on the new bridge"
    assert downloads == []


async def test_a_refused_link_is_answered_privately(
    env: simcord.Env, world: World, core: Bot
) -> None:
    """`add` is slow (it may fetch), so it defers; a refusal still reaches only the asker."""
    before = await checksum(core)
    result = await world.by_role.slash(world.channel, "add", source="http://127.0.0.1/story")
    assert was_deferred(env) and result.response is None
    [answer] = result.followups
    assert answer.ephemeral and only_embed(answer).title == "Not added"
    assert await checksum(core) == before


async def test_a_slow_moderator_command_answers_in_public(env: simcord.Env, world: World) -> None:
    result = await world.by_role.slash(world.channel, "feed", action="list")
    assert was_deferred(env) and not result.ephemeral and not result.followups
    assert only_embed(result.response).title == "No feeds"
