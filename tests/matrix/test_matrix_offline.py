"""The adapter's decisions without a homeserver: retries under rate limits and errors, roles."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from nio import LoginError, LoginResponse, MatrixRoom, RoomSendError, RoomSendResponse, SyncError

from adapters.matrix_chat.adapter import MatrixAdapter
from adapters.matrix_chat.errors import SendFailed
from adapters.matrix_chat.permissions import role_of
from bot.backoff import Backoff
from bot.config import Settings
from bot.core import Bot
from bot.models import Role


@pytest.fixture
async def adapter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    settings = Settings(
        db=str(tmp_path / "library.db"),
        state_dir=tmp_path / "state",
        platform={
            "MATRIX_HOMESERVER": "http://127.0.0.1:9",
            "MATRIX_USER_ID": "@bot:localhost",
            "MATRIX_PASSWORD": "secret",
        },
    )
    bot = await Bot.open(settings)
    instance = MatrixAdapter(bot, settings, backoff=Backoff(base=1.0, cap=8.0), send_attempts=3)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    instance.slept = slept
    yield instance
    await instance.close()
    await bot.close()


def stub_sends(adapter: Any, *responses: Any) -> list[str]:
    """Make room_send answer with `responses` in turn; returns the tx ids it was called with."""
    calls: list[str] = []
    queue = list(responses)

    async def room_send(room_id: str, kind: str, content: dict, tx_id: str, **_: Any) -> Any:
        calls.append(tx_id)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    adapter.client.room_send = room_send
    return calls


def limited(retry_after_ms: int) -> RoomSendError:
    return RoomSendError("Too many requests", "M_LIMIT_EXCEEDED", retry_after_ms)


async def test_rate_limited_send_waits_as_told_and_retries_the_same_transaction(adapter: Any):
    calls = stub_sends(adapter, limited(7_000), OSError("reset"), RoomSendResponse("$e", "!r"))
    await adapter.sender.send("!r:localhost", {"body": "x"}, "articlebot.abc.0")
    assert calls == ["articlebot.abc.0"] * 3
    assert adapter.slept[0] >= 7.0 and adapter.slept[1] <= 8.0


async def test_send_gives_up_after_bounded_attempts_so_the_batch_is_retried(adapter: Any):
    stub_sends(adapter, *(OSError("down") for _ in range(3)))
    with pytest.raises(SendFailed):
        await adapter.sender.send("!r:localhost", {"body": "x"}, "tx")
    assert len(adapter.slept) == 3


async def test_a_refused_send_is_not_retried(adapter: Any):
    calls = stub_sends(adapter, RoomSendError("You are not allowed", "M_FORBIDDEN"))
    await adapter.sender.send("!r:localhost", {"body": "x"}, "tx")
    assert len(calls) == 1 and not adapter.slept


async def test_sync_rate_limit_is_honoured_and_backoff_grows(adapter: Any):
    await adapter.sync._on_error(SyncError("slow down", "M_LIMIT_EXCEEDED", 30_000))
    for _ in range(4):
        await adapter.sync._on_error(SyncError("bad gateway"))
    assert adapter.slept[0] >= 30.0
    # Then 1 s doubling per failure (the 429 was the first), capped at 8, jittered to >= half.
    for delay, ceiling in zip(adapter.slept[1:], (2.0, 4.0, 8.0, 8.0), strict=True):
        assert ceiling / 2 <= delay <= ceiling


@pytest.mark.parametrize("version, creator_moderates", [("12", True), ("11", False)])
def test_roles_from_power_level_and_room_creators(
    adapter: Any, version: str, creator_moderates: bool
) -> None:
    room = MatrixRoom("!r:localhost", "@bot:localhost")
    room.power_levels.users.update({"@mod:localhost": 50, "@helper:localhost": 49})
    create = {
        "type": "m.room.create",
        "state_key": "",
        "sender": "@founder:localhost",
        "content": {"room_version": version, "additional_creators": ["@co:localhost"]},
    }
    adapter.creators.note(room.room_id, [type("Event", (), {"source": create})()])
    creators = adapter.creators.of(room.room_id)

    def role(user: str, level: int = 50) -> Role:
        return role_of(room, user, level=level, creators=creators)

    assert role("@mod:localhost") is Role.MODERATOR
    assert role("@mod:localhost", level=75) is Role.MEMBER  # a community's own, higher level
    assert role("@helper:localhost") is Role.MEMBER
    assert role("@helper:localhost", level=40) is Role.MODERATOR
    assert role("@nobody:localhost") is Role.MEMBER
    expected = Role.MODERATOR if creator_moderates else Role.MEMBER
    assert role("@founder:localhost", level=1_000_000) is expected
    assert role("@co:localhost") is expected


async def test_login_waits_out_a_rate_limit_then_saves_the_session(adapter: Any) -> None:
    answers = [
        LoginError("Too many requests", "M_LIMIT_EXCEEDED", 12_000),
        LoginResponse("@bot:localhost", "DEVICE", "token"),
    ]

    async def login(password: str, device_name: str) -> Any:
        answer = answers.pop(0)
        if isinstance(answer, LoginResponse):
            adapter.client.access_token = answer.access_token
        return answer

    adapter.client.login = login
    await adapter.session.log_in()
    assert adapter.slept and adapter.slept[0] >= 12.0
    assert json.loads(adapter.credentials_path.read_text())["device_id"] == "DEVICE"
