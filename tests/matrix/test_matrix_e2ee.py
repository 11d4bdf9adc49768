"""Encrypted rooms: answered encrypted with MATRIX_E2EE on; a clear notice with it off."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.config import Settings
from tests.matrix.conftest import seed
from tests.matrix.harness import BotRunner, MatrixUser, content_of, eventually, is_membership
from tests.support.articles import LIGHTHOUSE, MARKET, UPLOADED


async def encrypted_room(alice: MatrixUser, bot_id: str) -> str:
    room = await alice.create_room(invite=(bot_id,), encrypted=True)
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    return room


async def test_encrypted_room_command_and_reply_both_encrypted(
    settings: Settings, users: Callable[..., MatrixUser], tmp_path: Path
) -> None:
    settings = replace(settings, platform={**settings.platform, "MATRIX_E2EE": "on"})
    runner = await BotRunner(settings).start()
    try:
        bot_id = settings.platform["MATRIX_USER_ID"]
        alice = users("alice", store=tmp_path / "alice-crypto")
        await alice.start()
        room = await encrypted_room(alice, bot_id)
        await seed(settings, room, LIGHTHOUSE)
        await eventually(lambda: bool(alice.client.device_store.active_user_devices(bot_id)))

        command = await alice.send(room, "!quote lamp that fails in a storm")
        [reply] = await alice.replies(command, bot_id, timeout=20)
        assert "A lamp that fails in a storm" in content_of(reply)["formatted_body"]
        assert reply["event_id"] in alice.decrypted
        assert alice.raw_event(room, command)["type"] == "m.room.encrypted"
        assert alice.raw_event(room, reply["event_id"])["type"] == "m.room.encrypted"
        assert (settings.state_dir / "matrix" / "crypto").is_dir()

        # Alice created the room, so she moderates it: an encrypted upload is decrypted and added.
        upload = await alice.send_file(
            room, "ferry.txt", UPLOADED.encode(), caption="!add", encrypt=True
        )
        [reply] = await alice.replies(upload, bot_id, timeout=20)
        assert "Added #2: Ferry timetable changes" in content_of(reply)["body"]
        upload = await alice.send_file(room, "market.txt", MARKET.encode(), encrypt=True)
        command = await alice.send(
            room, "!add", **{"m.relates_to": {"m.in_reply_to": {"event_id": upload}}}
        )
        [reply] = await alice.replies(command, bot_id, timeout=20)
        assert "Added #3: Night market returns" in content_of(reply)["body"]
    finally:
        await runner.stop()

    # The crypto store persists: after a restart the same device still reads the room.
    again = await BotRunner(settings).start()
    try:
        command = await alice.send(room, "!sources")
        [reply] = await alice.replies(command, bot_id, timeout=20)
        assert "Gull Point" in content_of(reply)["body"]
        assert alice.raw_event(room, reply["event_id"])["type"] == "m.room.encrypted"
    finally:
        await again.stop()


async def test_without_e2ee_the_bot_says_it_cannot_read_an_encrypted_room(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser], tmp_path: Path
) -> None:
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice", store=tmp_path / "alice-crypto")
    await alice.start()
    room = await encrypted_room(alice, bot_id)

    first = await alice.send(room, "!help")
    [notice] = await alice.replies(first, bot_id)
    assert "can't read messages in this room" in content_of(notice)["body"]
    assert "MATRIX_E2EE" in content_of(notice)["body"]
    # Said once, not to every message.
    second = await alice.send(room, "!sources")
    await alice.wait_for(lambda e: e.get("event_id") == second)
    unencrypted = await alice.client.room_create(invite=(bot_id,))
    await alice.wait_for(lambda e: is_membership(e, bot_id, "join", unencrypted.room_id))
    fence = await alice.send(unencrypted.room_id, "!help")
    await alice.replies(fence, bot_id)
    assert not alice.matching(
        lambda e: (
            e.get("sender") == bot_id
            and e.get("room_id") == room
            and e is not notice
            and "can't read" in str(content_of(e))
        )
    )
