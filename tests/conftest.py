"""Fixtures shared by every test: settings on a temporary library, and a running core."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # A cooldown high enough that only the tests about the cooldown meet it.
    return Settings(
        db_path=tmp_path / "library.db", state_dir=tmp_path / "state", cooldown_commands=10_000
    )


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Bot]:
    instance = await Bot.open(settings)
    try:
        yield instance
    finally:
        await instance.close()
