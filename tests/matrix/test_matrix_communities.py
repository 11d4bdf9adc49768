"""Communities on a real Synapse: a stranger's own room (power 100 there) reaches nothing of
another room's library; rooms are linked only by a moderator of both; a room that removes the
bot is purged after the grace period."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, content_of, is_membership
from tests.support.articles import LIGHTHOUSE, MARKET, UPLOADED

SECRETS = ("Gull Point", "Elin Vasquez", "Night market", "Jonas Ekberg")


async def joined_room(user: MatrixUser, bot_id: str, *invited: str) -> str:
    room = await user.create_room(invite=(bot_id, *invited))
    await user.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    return room


async def say(user: MatrixUser, room: str, bot_id: str, text: str) -> str:
    event_id = await user.send(room, text)
    [reply] = await user.replies(event_id, bot_id)
    return str(content_of(reply)["body"])


async def test_a_strangers_own_room_reaches_nothing_of_another_library(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, mallory = users("alice"), users("mallory")
    await alice.start()
    await mallory.start()
    room_a = await joined_room(alice, bot_id)
    await seed(settings, room_a, LIGHTHOUSE, MARKET)
    room_b = await joined_room(mallory, bot_id)  # her own room: she holds all power in it
    await runner.bot.library_for_space(f"matrix:{room_b}")
    books_a = await runner.bot.library_for_space(f"matrix:{room_a}")
    before = await runner.bot.store.checksum()
    for text in (
        "!sources",
        "!quote",
        "!quote lamp that fails",
        "!quote by:Vasquez",
        "!search market",
        "!summary #1",
        "!article #2",
        "!sources #1",
        "!stats",
        "!edit #1 title Hacked",
        "!remove #1",
        "!community",
    ):
        body = await say(mallory, room_b, bot_id, text)
        assert not any(secret in body for secret in SECRETS), (text, body)
    assert await runner.bot.store.checksum() == before
    feed = await say(mallory, room_b, bot_id, "!feed add http://127.0.0.1:9/feed.xml")
    assert "private or local" in feed
    added = await say(mallory, room_b, bot_id, "!add " + UPLOADED)
    assert "Added #1: Ferry timetable changes" in added  # #1 of her own library
    assert await books_a.feeds() == []
    assert [a.title for a in await books_a.page(0, 10)] == [
        "Night market returns to the river quay",
        "The old lighthouse on Gull Point gets a new keeper",
    ]
    assert "Ferry timetable" not in await say(alice, room_a, bot_id, "!sources")


async def test_rooms_are_linked_only_by_a_moderator_of_both(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, mallory = users("alice"), users("mallory")
    await alice.start()
    await mallory.start()
    room_a = await joined_room(alice, bot_id, mallory.user_id)
    await mallory.join(room_a)  # a member of Alice's room, nothing more
    await seed(settings, room_a, LIGHTHOUSE)
    room_b = await joined_room(mallory, bot_id)
    refused = await say(mallory, room_b, bot_id, f"!community link {room_a}")
    assert "moderator" in refused and "linked" not in refused.lower()
    assert "Not allowed" in await say(mallory, room_a, bot_id, f"!community link {room_b}")
    assert "Gull Point" not in await say(mallory, room_b, bot_id, "!sources")

    annex = await joined_room(alice, bot_id)  # another of Alice's rooms
    linked = await say(alice, room_a, bot_id, f"!community link {annex}")
    assert "Rooms linked" in linked, linked
    assert "Elin Vasquez" in await say(alice, annex, bot_id, "!quote lamp that fails")
    assert "Added #2" in await say(alice, annex, bot_id, "!add " + MARKET)
    assert "Night market" in await say(alice, room_a, bot_id, "!sources")


async def test_a_room_that_removes_the_bot_is_purged_after_the_grace_period(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    await seed(settings, room, LIGHTHOUSE)
    books = await runner.bot.library_for_space(f"matrix:{room}")
    await alice.client.room_kick(room, bot_id, reason="done with the bot")
    store = runner.bot.store

    for _ in range(200):  # until the bot's sync has seen its own kick
        space = await store.communities.space(f"matrix:{room}")
        if space is not None and space.left_at:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("the kick was never seen")
    now = datetime.now(UTC)
    assert await runner.bot.purge_left(now + timedelta(days=29)) == []
    assert await books.count() == 1
    assert await runner.bot.purge_left(now + timedelta(days=31)) == [books.community.name]
    assert await books.count() == 0
