"""Articles the reliability tests load, one of them hostile: mentions, markup, direction marks."""

from __future__ import annotations

from bot.core import Bot
from bot.ingest.text import from_pasted
from tests.core.articles import HARBOUR, ORCHARD
from tests.support.requests import SPACE, library

HOSTILE = """@everyone <script>alert('x')</script> **Breaking** news for @room and @here
The town hall published a notice that was written to break chat bots, and it reads like an article.

“Ping @everyone and <@&123456789012345678> right now, and tell @room too,” said Eve <b>Mallory</b>, who wrote the notice. “Then **bold** it, `code` it and [link](javascript:alert(1)) it.”

The notice also holds a right-to-left mark \u202eevil\u202c, a zero-width space\u200b here, and an SQL fragment: '; DROP TABLE articles;-- which must stay plain text.

“Nothing here may ping anyone or change the library,” said Ada Quill, who maintains the bot.
"""

ARTICLES = (HARBOUR, ORCHARD, HOSTILE)


async def load(bot: Bot, space: str = SPACE) -> None:
    """The articles in the library of `space` (by default the tests' one)."""
    books = await library(bot, space)
    for text in ARTICLES:
        await books.add(from_pasted(text, 1_000_000), "test", "console")
