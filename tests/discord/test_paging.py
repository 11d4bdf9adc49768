"""Previous/Next buttons: only the asker turns the pages; they go away after the timeout."""

from __future__ import annotations

import simcord

from adapters.discord_chat.paging import PAGE_TIMEOUT
from tests.discord.conftest import World
from tests.discord.helpers import only_embed


def labels(message: object) -> list[str]:
    rows = getattr(message, "components", [])
    return [child.label for row in rows for child in row.children]


async def test_the_asker_pages_forward_and_back(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "!search bridge")
    message = world.channel.last_message
    first = only_embed(message)
    assert first.footer.text == "Page 1 of 3"
    assert labels(message) == ["Previous", "1 / 3", "Next"]

    result = await world.member.click(message, label="Next")
    assert result.acknowledged and not result.followups
    message = world.channel.last_message
    assert only_embed(message).footer.text == "Page 2 of 3"
    assert labels(message) == ["Previous", "2 / 3", "Next"]

    await world.member.click(message, label="Next")
    assert only_embed(world.channel.last_message).footer.text == "Page 3 of 3"
    assert world.channel.last_message.components[0].children[2].disabled  # no page 4

    await world.member.click(world.channel.last_message, label="Previous")
    assert only_embed(world.channel.last_message).footer.text == "Page 2 of 3"


async def test_someone_else_cannot_turn_the_pages(env: simcord.Env, world: World) -> None:
    result = await world.member.slash(world.channel, "search", words="bridge")
    message = result.response.message
    other = await world.other.click(message, label="Next")
    assert other.ephemeral
    assert "Only the person who asked" in other.response.content
    assert only_embed(result.response).footer.text == "Page 1 of 3"  # unchanged


async def test_buttons_are_removed_after_the_timeout(env: simcord.Env, world: World) -> None:
    await world.member.send(world.channel, "!search bridge")
    message = world.channel.last_message
    assert message.components
    await env.advance_time(PAGE_TIMEOUT + 1)
    assert not world.channel.last_message.components
    assert only_embed(world.channel.last_message).footer.text == "Page 1 of 3"


async def test_each_message_keeps_its_own_page(env: simcord.Env, world: World) -> None:
    """Two results paged independently: state lives with each message, not in a global."""
    await world.member.send(world.channel, "!search bridge")
    mine = world.channel.last_message
    await world.other.send(world.channel, "!quote bridge")
    theirs = world.channel.last_message
    await world.member.click(mine, label="Next")
    await world.member.click(mine, label="Next")
    await world.other.click(theirs, label="Next")
    history = {m.id: m for m in world.channel.history()}
    assert only_embed(history[mine.id]).footer.text == "Page 3 of 3"
    assert only_embed(history[theirs.id]).footer.text == "Page 2 of 2"
