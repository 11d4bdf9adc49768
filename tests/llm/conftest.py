"""A bot whose operator configured a language model: the scripted server of `server`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.config import LlmSettings, Settings
from bot.core import Bot
from tests.llm.server import ScriptedModel

MODEL = "test-model"
KEY = "sk-test-key"
MakeBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def model() -> AsyncIterator[ScriptedModel]:
    server = ScriptedModel()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def make_bot(settings: Settings, model: ScriptedModel) -> AsyncIterator[MakeBot]:
    """A bot on the scripted model; keywords change its LlmSettings (timeout, budget...)."""
    made: list[Bot] = []

    async def make(**llm: object) -> Bot:
        values: dict[str, object] = {"url": model.url, "model": MODEL, "key": KEY, "timeout": 5.0}
        values.update(llm)
        configured = Settings(
            db=settings.db,
            state_dir=settings.state_dir,
            cooldown_commands=settings.cooldown_commands,
            llm=LlmSettings(**values),  # type: ignore[arg-type]
        )
        instance = await Bot.open(configured)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        await instance.close()
