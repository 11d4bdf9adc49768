"""What a new user tripped over (issue 16), each through the core as a user meets it."""

from __future__ import annotations

import io
from dataclasses import replace

from adapters.console import ConsoleAdapter
from bot.config import Settings
from bot.core import Bot
from bot.models import Role
from tests.support.articles import HARBOUR, ORCHARD
from tests.support.requests import ask, seed, shown


async def test_edit_clears_a_field_with_empty_quotes(bot: Bot) -> None:
    books = await seed(bot, HARBOUR)
    await ask(bot, "!edit #1 outlet Harbour Post")
    for empty in ('""', "''", "-"):
        await ask(bot, "!edit #1 outlet Harbour Post")
        reply = await ask(bot, f"!edit #1 outlet {empty}")
        assert not reply.is_error and "outlet of #1 is now: (empty)" in shown(reply)
        [article] = await books.resolve("#1")
        assert article.outlet == ""
    assert (await ask(bot, '!edit #1 title ""')).is_error  # a title is never empty


async def test_a_speaker_in_one_article_is_looked_for_in_that_article(bot: Bot) -> None:
    await seed(bot, HARBOUR, ORCHARD)
    reply = await ask(bot, "!quote by:Lindqvist in:#1")
    assert reply.is_error and "No quotations by `Lindqvist` in #1" in shown(reply)
    found = await ask(bot, "!quote by:Lindqvist in:#2")
    assert not found.is_error and found.first.quotations[0].speaker == "Marta Lindqvist"


async def test_members_are_pointed_at_speakers_not_at_a_moderator_command(bot: Bot) -> None:
    await seed(bot, HARBOUR)
    reply = await ask(bot, "!quote by:Solbergg", role=Role.MEMBER)
    text = shown(reply)
    assert "!stats" not in text and "Ingrid Solberg" in text


async def test_quoted_words_are_a_phrase_in_search_and_quote(bot: Bot) -> None:
    await seed(bot, HARBOUR)
    assert not (await ask(bot, '!search "free ferry"')).is_error
    assert (await ask(bot, '!search "ferry free"')).is_error  # not next to each other
    assert not (await ask(bot, '!quote "safety comes first"')).is_error
    assert (await ask(bot, '!quote "first comes safety"')).first.title == "Nothing found"


async def test_a_search_with_more_matches_than_shown_says_so(bot: Bot) -> None:
    body = HARBOUR.split("\n", 1)[1]
    texts = [f"Council report number {n}\n{body} Report {n}." for n in range(25)]
    await seed(bot, *texts)
    reply = await ask(bot, "!search council")
    assert len(reply.pages) == 4  # 20 best, five a page
    assert "The 20 best of 25 matching articles" in reply.pages[-1].footer


async def test_a_link_without_its_scheme_is_not_taken_for_an_article(bot: Bot) -> None:
    reply = await ask(bot, "!add example.org/2026/story")
    assert reply.is_error and "https://example.org/2026/story" in shown(reply)


async def test_unknown_commands_are_headed_plainly(bot: Bot) -> None:
    reply = await ask(bot, "!qoute tigers")
    assert reply.first.title == "Unknown command" and "`!quote`" in shown(reply)
    usage = await ask(bot, "!summary")
    assert usage.first.title == "Usage"


async def test_the_console_never_throttles_its_own_user(settings: Settings) -> None:
    bot = await Bot.open(replace(settings, cooldown_commands=2, cooldown_seconds=60))
    out = io.StringIO()
    try:
        await ConsoleAdapter(bot, stdin=io.StringIO("help\n" * 12), stdout=out).run()
    finally:
        await bot.close()
    assert out.getvalue().count("articlebot commands") == 12
    assert "Slow down" not in out.getvalue()


async def test_the_console_says_which_library_is_open_and_who_you_are(bot: Bot) -> None:
    out = io.StringIO()
    await ConsoleAdapter(bot, stdin=io.StringIO(""), stdout=out, community="club").run()
    first = out.getvalue().splitlines()[0]
    assert bot.location in first and "community club" in first and "operator" in first


async def test_links_are_fetched_a_few_a_minute_per_person_and_community(
    settings: Settings,
) -> None:
    bot = await Bot.open(replace(settings, fetches_per_user=2, fetches_per_community=3))
    try:
        for _ in range(2):  # refused before any fetch, but counted as asked
            assert "private" in shown(await ask(bot, "!add http://10.0.0.1/a"))
        limited = await ask(bot, "!add http://10.0.0.1/a")
        assert limited.first.title == "Too many links at once"
        assert "private" in shown(await ask(bot, "!add http://10.0.0.1/b", user="u2"))
        community = await ask(bot, "!feed add http://10.0.0.1/f", user="u3")
        assert community.first.title == "Too many links at once"  # the community's share
        elsewhere = await ask(bot, "!add http://10.0.0.1/c", space="test:elsewhere")
        assert "private" in shown(elsewhere)  # another community is not held up
    finally:
        await bot.close()
