"""Power levels decide who moderates: members are refused (and logged), moderators add files."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.catalog import COMMANDS
from bot.config import Settings
from bot.models import Role
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, content_of, is_membership
from tests.support.articles import LIGHTHOUSE, MARKET, UPLOADED

MODERATOR_COMMANDS = [c for c in COMMANDS if c.role is Role.MODERATOR]


async def room_with(alice: MatrixUser, bot_id: str, carol: MatrixUser, bob: MatrixUser) -> str:
    """Alice creates the room (a room creator), Carol is at power level 50, Bob at 0."""
    room = await alice.create_room(
        invite=(bot_id, bob.user_id, carol.user_id), levels={carol.user_id: 50}
    )
    await bob.join(room)
    await carol.join(room)
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    return room


async def test_member_refused_every_moderator_command_nothing_changed_all_logged(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, bob, carol = users("alice"), users("bob"), users("carol")
    for user in (alice, bob, carol):
        await user.start()
    room = await room_with(alice, bot_id, carol, bob)
    await seed(settings, room, LIGHTHOUSE, MARKET)
    before = await runner.bot.store.checksum()

    attempts = [f"!{c.example.replace('#12', '#1')}" for c in MODERATOR_COMMANDS]
    assert {a.split()[0] for a in attempts} >= {"!add", "!remove", "!edit", "!feed", "!stats"}
    event_ids = [await bob.send(room, text) for text in attempts]
    event_ids.append(await bob.send_file(room, "ferry.txt", UPLOADED.encode(), caption="!add"))
    for event_id in event_ids:
        [reply] = await bob.replies(event_id, bot_id)
        assert content_of(reply)["body"].startswith("Not allowed"), content_of(reply)["body"]

    assert await runner.bot.store.checksum() == before
    books = await runner.bot.library_for_space(f"matrix:{room}")
    refusals = [e for e in await books.audit() if e.action == "refused"]
    assert len(refusals) == len(event_ids)
    assert all(bob.user_id in e.actor and e.place == f"matrix:{room}" for e in refusals)


async def test_moderator_adds_an_uploaded_file_by_caption_or_reply(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, bob, carol = users("alice"), users("bob"), users("carol")
    for user in (alice, bob, carol):
        await user.start()
    room = await room_with(alice, bot_id, carol, bob)

    captioned = await carol.send_file(room, "ferry.txt", UPLOADED.encode(), caption="!add")
    [reply] = await carol.replies(captioned, bot_id)
    assert "Added #1: Ferry timetable changes for the winter months" in content_of(reply)["body"]

    file_id = await carol.send_file(room, "lighthouse.md", LIGHTHOUSE.encode())
    command = await carol.send(
        room, "!add", **{"m.relates_to": {"m.in_reply_to": {"event_id": file_id}}}
    )
    [reply] = await carol.replies(command, bot_id)
    assert "Added #2: The old lighthouse on Gull Point" in content_of(reply)["body"]

    missing = {
        "msgtype": "m.file",
        "body": "!add",
        "filename": "gone.txt",
        "url": "mxc://localhost/NoSuchMediaHere",
    }
    response = await carol.client.room_send(room, "m.room.message", missing)
    [reply] = await carol.replies(response.event_id, bot_id)
    assert "could not fetch that file" in content_of(reply)["body"]

    # The room's creator holds no power level in a version 12 room, yet moderates it.
    stats = await alice.send(room, "!stats")
    [reply] = await alice.replies(stats, bot_id)
    assert not content_of(reply)["body"].startswith("Not allowed")

    quote = await bob.send(room, "!quote thirty minutes on the pier")
    [reply] = await bob.replies(quote, bot_id)
    assert "Hanna Moberg" in content_of(reply)["body"]
    assert await (await runner.bot.library_for_space(f"matrix:{room}")).count() == 2


async def test_oversized_upload_is_refused_before_it_is_stored(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    await runner.start()
    assert runner.bot is not None
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await alice.create_room(invite=(bot_id,))
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    big = UPLOADED.encode() * (settings.max_upload_bytes // len(UPLOADED) + 2)
    event_id = await alice.send_file(room, "huge.txt", big, caption="!add")
    [reply] = await alice.replies(event_id, bot_id)
    assert content_of(reply)["body"].startswith("Not added")
    assert await (await runner.bot.library_for_space(f"matrix:{room}")).count() == 0
