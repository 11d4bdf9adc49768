"""Restarts, crashes, a homeserver that goes away, and bursts: every command answered once."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Settings
from tests.matrix.conftest import seed
from tests.matrix.harness import (
    BotRunner,
    MatrixUser,
    content_of,
    eventually,
    is_membership,
    is_reply,
)
from tests.matrix.synapse_server import SynapseServer
from tests.support.articles import LIGHTHOUSE, MARKET

ROOT = Path(__file__).resolve().parents[2]
PAUSE = re.compile(r"retrying in ([0-9.]+) s")


async def joined_room(user: MatrixUser, bot_id: str, *others: MatrixUser) -> str:
    room = await user.create_room(invite=(bot_id, *(o.user_id for o in others)))
    for other in others:
        await other.join(room)
    await user.wait_for(lambda e: is_membership(e, bot_id, "join", room))
    return room


async def answered_once(user: MatrixUser, bot_id: str, *event_ids: str) -> None:
    """Each command has a reply; after one more answered command, still exactly one each."""
    for event_id in event_ids:
        await user.replies(event_id, bot_id)
    room = (await user.wait_for(lambda e: e.get("event_id") == event_ids[0]))[0]["room_id"]
    fence = await user.send(room, "!help")
    await user.replies(fence, bot_id)
    for event_id in event_ids:
        assert len(user.matching(lambda e, i=event_id: is_reply(e, i, bot_id))) == 1, event_id


async def test_restart_answers_nothing_twice_and_what_came_while_down_once(
    settings: Settings, users: Callable[..., MatrixUser]
) -> None:
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    first = await BotRunner(settings).start()
    try:
        room = await joined_room(alice, bot_id)
        await seed(settings, room, LIGHTHOUSE, MARKET)
        before = [await alice.send(room, text) for text in ("!help", "!sources", "!quote lamp")]
        for event_id in before:
            await alice.replies(event_id, bot_id)
    finally:
        await first.stop()

    while_down = [await alice.send(room, f"!quote {w}") for w in ("fair price", "thirty years")]
    second = await BotRunner(settings).start()
    try:
        await answered_once(alice, bot_id, *before, *while_down)
        assert [first.ran(t) for t in ("!help", "!sources", "!quote lamp")] == [1, 1, 1]
        assert second.ran("!sources") == second.ran("!quote lamp") == 0
        assert [second.ran(f"!quote {w}") for w in ("fair price", "thirty years")] == [1, 1]
    finally:
        await second.stop()


@pytest.mark.parametrize("kill_at", ["answer", "token"])
async def test_killed_between_reply_and_token_save_answers_exactly_once(
    kill_at: str, settings: Settings, users: Callable[..., MatrixUser]
) -> None:
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    raw = {
        "db_path": str(settings.db),
        "state_dir": str(settings.state_dir),
        "platform": dict(settings.platform),
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.matrix.crash_bot", json.dumps(raw), kill_at],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        room = await joined_room(alice, bot_id)
        await seed(settings, room, LIGHTHOUSE)
        command = await alice.send(room, "!quote lamp that fails")
        await alice.replies(command, bot_id)
        assert await asyncio.to_thread(child.wait, 30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    after_crash = await BotRunner(settings).start()
    try:
        await answered_once(alice, bot_id, command)
        # Saved as handled before the kill: the replayed batch must skip it. Not saved: it runs
        # again, and only the repeated transaction id keeps a second answer from showing.
        assert after_crash.ran("!quote lamp that fails") == (0 if kill_at == "token" else 1)
    finally:
        await after_crash.stop()


async def test_more_commands_while_down_than_one_sync_carries_all_answered_once(
    settings: Settings, users: Callable[..., MatrixUser]
) -> None:
    """The server cuts a long timeline short; the bot fetches the gap with /messages."""
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    first = await BotRunner(settings, timeline_limit=3).start()
    try:
        room = await joined_room(alice, bot_id)
        await seed(settings, room, LIGHTHOUSE)
        before = await alice.send(room, "!help")
        await alice.replies(before, bot_id)
    finally:
        await first.stop()
    while_down = [await alice.send(room, f"!help {c}") for c in ("quote", "sources") * 5]
    second = await BotRunner(settings, timeline_limit=3).start()
    try:
        await answered_once(alice, bot_id, before, *while_down)
        assert (second.ran("!help quote"), second.ran("!help sources")) == (5, 5)
        assert second.ran("!help") == 1  # the fence; the earlier !help is not run again
    finally:
        await second.stop()


@pytest.mark.parametrize(
    "downtime", [2.0, pytest.param(60.0, marks=pytest.mark.slow, id="a-minute")]
)
async def test_homeserver_stopped_and_restarted_bot_backs_off_and_recovers(
    downtime: float,
    settings: Settings,
    runner: BotRunner,
    users: Callable[..., MatrixUser],
    synapse: SynapseServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    await runner.start()
    room = await joined_room(alice, bot_id)
    await seed(settings, room, MARKET)
    before = await alice.send(room, "!sources")
    await alice.replies(before, bot_id)

    caplog.set_level(logging.INFO, logger="adapters.matrix_chat")
    synapse.stop()
    await asyncio.sleep(downtime)

    def pauses() -> list[float]:
        found = (PAUSE.search(r.getMessage()) for r in caplog.records if r.levelname == "WARNING")
        return [float(match.group(1)) for match in found if match]

    await eventually(lambda: len(pauses()) >= 4, timeout=30)
    synapse.start()

    # Backed off, not a tight loop: the runner's back-off (0.1 s doubling to a 1 s cap, each
    # delay jittered to between half and all of it) decides every pause, failure after failure.
    for failures, delay in enumerate(pauses()[:8]):
        ceiling = min(1.0, 0.1 * 2**failures)
        assert ceiling / 2 - 0.05 <= delay <= ceiling + 0.05, (failures, pauses())
    assert runner.running
    await alice.start()  # the test's own client gave up while the server was away
    after = await alice.send(room, "!quote fair price")
    [reply] = await alice.replies(after, bot_id, timeout=30)
    assert "Priya Nandakumar" in content_of(reply)["body"]
    assert any("reachable again" in r.getMessage() for r in caplog.records)


async def test_burst_of_100_commands_from_three_users_each_answered_once(
    settings: Settings, runner: BotRunner, users: Callable[..., MatrixUser]
) -> None:
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice, bob, carol = users("alice"), users("bob"), users("carol")
    await alice.start()  # only Alice watches: Bob and Carol just send, sparing Synapse's CPU
    await runner.start()
    room = await joined_room(alice, bot_id)
    await seed(settings, room, LIGHTHOUSE, MARKET)
    for user in (bob, carol):
        await alice.client.room_invite(room, user.user_id)
        await user.client.join(room)
        await alice.wait_for(lambda e, u=user.user_id: is_membership(e, u, "join", room))
    texts = ["!help", "!sources", "!quote lamp", "!quote fair price", "!summary market short"]

    async def burst(user: MatrixUser, count: int) -> list[str]:
        return [await user.send(room, texts[i % len(texts)]) for i in range(count)]

    sent = await asyncio.gather(burst(alice, 34), burst(bob, 33), burst(carol, 33))
    commands = [event_id for ids in sent for event_id in ids]
    assert len(set(commands)) == 100

    replies = await alice.wait_for(lambda e: e.get("sender") == bot_id and is_answer(e), 100, 60)
    fence = await alice.send(room, "!help")
    await alice.replies(fence, bot_id)
    counts = Counter(reply_target(e) for e in alice.matching(is_answer))
    assert all(counts[event_id] == 1 for event_id in commands), counts.most_common(3)
    assert len(replies) == 100
    assert len(runner.requests) == 101  # each command run once, and the fence


def is_answer(event: dict) -> bool:
    return reply_target(event) is not None


def reply_target(event: dict) -> str | None:
    relates = content_of(event).get("m.relates_to") or {}
    return (relates.get("m.in_reply_to") or {}).get("event_id")
