"""The bot in a child process that kills itself (SIGKILL) at a chosen point after answering.

    python -m tests.matrix.crash_bot SETTINGS_JSON KILL_AT

KILL_AT is `answer` (right after the reply was sent: neither the handled id nor the sync token
saved) or `token` (the handled id saved, the sync token not). Used by the crash tests.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from adapters.matrix_chat import MatrixAdapter
from bot.config import Settings
from bot.core import Bot


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def main(settings: Settings, kill_at: str) -> None:
    bot = await Bot.open(settings)
    adapter = MatrixAdapter(bot, settings)
    answer = adapter.sender.answer
    answered = False

    async def answer_then_maybe_die(*args: Any, **kwargs: Any) -> None:
        nonlocal answered
        await answer(*args, **kwargs)
        answered = True
        if kill_at == "answer":
            die()

    advance = adapter.sync_state.advance

    def advance_unless_answered(token: str) -> None:
        if answered:
            die()
        advance(token)

    adapter.sender.answer = answer_then_maybe_die  # type: ignore[method-assign]
    adapter.sync_state.advance = advance_unless_answered  # type: ignore[method-assign]
    await adapter.run()


if __name__ == "__main__":
    raw = json.loads(sys.argv[1])
    config = Settings(
        db=Path(raw["db_path"]),
        state_dir=Path(raw["state_dir"]),
        cooldown_commands=10_000,
        platform=raw["platform"],
    )
    asyncio.run(main(config, sys.argv[2]))
