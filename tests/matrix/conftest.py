"""A real Synapse for the session, fresh accounts per test, the bot run in-process."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.ingest.text import from_pasted
from tests.matrix.harness import BotRunner, MatrixUser, bot_settings
from tests.matrix.synapse_server import Account, SynapseServer, SynapseUnavailable

_names = itertools.count()


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SynapseServer]:
    server = SynapseServer(tmp_path_factory.mktemp("synapse"))
    try:
        server.start()
    except SynapseUnavailable as err:
        pytest.fail(str(err), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def account(synapse: SynapseServer) -> Callable[[str], Account]:
    """Registers a new user; names are unique across the session."""
    return lambda name: synapse.register(f"{name}{next(_names)}")


@pytest.fixture
async def users(
    synapse: SynapseServer, account: Callable[[str], Account]
) -> AsyncIterator[Callable[..., MatrixUser]]:
    """Makes started user clients (call `await users.start(...)`); closes them at the end."""
    made: list[MatrixUser] = []

    def make(name: str, store: Path | None = None) -> MatrixUser:
        user = MatrixUser(synapse, account(name), store)
        made.append(user)
        return user

    yield make
    for user in made:
        await user.close()


@pytest.fixture
def bot_account(account: Callable[[str], Account]) -> Account:
    return account("articlebot")


@pytest.fixture
def settings(synapse: SynapseServer, bot_account: Account, tmp_path: Path) -> Settings:
    return bot_settings(synapse, bot_account, tmp_path)


@pytest.fixture
async def runner(settings: Settings) -> AsyncIterator[BotRunner]:
    """The bot, not yet started (tests choose when); stopped at the end."""
    instance = BotRunner(settings)
    yield instance
    await instance.stop()


async def seed(settings: Settings, room: str, *texts: str) -> None:
    """Put articles in the library of `room` (before anyone has sent it a command)."""
    bot = await Bot.open(settings)
    try:
        books = await bot.library_for_space(f"matrix:{room}")
        for text in texts:
            await books.add(from_pasted(text, settings.max_upload_bytes), "test", "seed")
    finally:
        await bot.close()
