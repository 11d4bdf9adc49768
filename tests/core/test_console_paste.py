"""The console takes a multi-line paste: `add` alone, the article, a line holding a single `.`."""

from __future__ import annotations

import io

from adapters.console import ConsoleAdapter
from bot.core import Bot
from tests.core.test_pasted_formats import MARKDOWN, PARAGRAPHS


async def session(bot: Bot, typed: str) -> str:
    out = io.StringIO()
    await ConsoleAdapter(bot, stdin=io.StringIO(typed), stdout=out).run()
    return out.getvalue()


async def test_a_pasted_article_is_added_and_the_console_goes_on(bot: Bot) -> None:
    article = "Rope works to become a market\n" + "\n\n".join(PARAGRAPHS)
    output = await session(bot, f"add\n{article}\n.\nsources\n")
    assert "type add alone" in "".join(output.splitlines(True)[:3])  # on the first screen
    assert "Added #1: Rope works to become a market" in output, output
    assert "#1 Rope works to become a market" in output  # `sources` ran after the paste
    assert "Unknown command" not in output
    books = await bot.library_named("default")
    stored = await books.text((await books.resolve("#1"))[0])
    assert "Edith Brandt" in stored and "eighteen months" in stored


async def test_markdown_pasted_in_the_console_ends_at_the_end_of_input(bot: Bot) -> None:
    output = await session(bot, "!add\n" + MARKDOWN)  # no closing `.`: the input ended
    assert "Added #1: Rope works to become a market (" in output, output


async def test_at_words_in_a_paste_are_text_not_attachments(bot: Bot) -> None:
    article = "Market plan\n" + "\n".join(PARAGRAPHS) + "\nWrite to @desk/letters with views."
    output = await session(bot, f"add\n{article}\n.\n")
    assert "Added #1: Market plan" in output and "No such file" not in output, output


async def test_add_with_text_on_the_same_line_is_still_one_command(bot: Bot) -> None:
    output = await session(bot, "add https://\n")
    assert "Paste the article" not in output
