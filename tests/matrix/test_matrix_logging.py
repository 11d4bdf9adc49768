"""Logging: the bot's own lines at the configured level, matrix-nio's only when asked for."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from bot.config import CHATTY_LIBRARIES, NARRATING_LIBRARIES, Settings
from tests.matrix.harness import BotRunner, MatrixUser
from tests.matrix.test_matrix_commands import ask, joined_room


@pytest.fixture
def library_loggers() -> Iterator[None]:
    """Leave the library loggers as found: `configure_logging` sets them process-wide."""
    yield
    for name in CHATTY_LIBRARIES + NARRATING_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_matrix_nio_logs_only_warnings_unless_debug_is_asked_for(
    level: str,
    settings: Settings,
    runner: BotRunner,
    users: Callable[..., MatrixUser],
    caplog: pytest.LogCaptureFixture,
    library_loggers: None,
) -> None:
    caplog.set_level(level)
    replace(settings, log_level=level).configure_logging()
    await runner.start()
    bot_id = settings.platform["MATRIX_USER_ID"]
    alice = users("alice")
    await alice.start()
    room = await joined_room(alice, bot_id)
    await ask(alice, room, bot_id, "!sources")
    chatter = [
        r for r in caplog.records if r.name.startswith("nio") and r.levelno < logging.WARNING
    ]
    ours = [r.getMessage() for r in caplog.records if r.name == "bot.core"]
    assert any(line.startswith("sources by ") for line in ours)  # the bot's own line is shown
    if level == "INFO":
        assert not chatter, chatter[0].getMessage()
    else:
        assert any("handling event" in r.getMessage() for r in chatter)
