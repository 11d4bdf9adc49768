"""The library the reliability tests load: two plain articles and one written to break bots."""

from __future__ import annotations

from bot.core import Bot
from bot.ingest.text import from_pasted
from tests.support.articles import HARBOUR, HOSTILE, ORCHARD
from tests.support.requests import SPACE, library

ARTICLES = (HARBOUR, ORCHARD, HOSTILE)


async def load(bot: Bot, space: str = SPACE) -> None:
    """The articles in the library of `space` (by default the tests' one)."""
    books = await library(bot, space)
    for text in ARTICLES:
        await books.add(from_pasted(text, 1_000_000), "test", "console")
