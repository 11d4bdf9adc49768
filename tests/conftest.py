"""Fixtures shared by every test: settings on a temporary library, and a running core.

The library is SQLite unless a test asks for `engine` "postgresql" (the store's contract tests
take both; `ARTICLEBOT_TEST_ENGINE=postgresql` runs every suite on PostgreSQL).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from tests.support.postgres import cluster

ENGINES = ("sqlite", "postgresql")


@pytest.fixture
def engine() -> str:
    """Which engine holds the test's library; parametrize it to run a test on both."""
    return os.environ.get("ARTICLEBOT_TEST_ENGINE", "sqlite")


@pytest.fixture
def db_url(engine: str, tmp_path: Path) -> str:
    if engine == "postgresql":
        return cluster().new_database()
    return str(tmp_path / "library.db")


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    # A cooldown high enough that only the tests about the cooldown meet it.
    return Settings(db=db_url, state_dir=tmp_path / "state", cooldown_commands=10_000)


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[Bot]:
    instance = await Bot.open(settings)
    try:
        yield instance
    finally:
        await instance.close()
