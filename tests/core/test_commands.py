"""Every command through the core: the happy path and bad input."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.library import Library
from bot.models import Attachment, Reply, Role
from bot.nlp.summary import summarize
from tests.support.articles import HARBOUR, ORCHARD
from tests.support.requests import ask, checksum, request, shown
from tests.support.requests import library as library_of


async def library(bot: Bot) -> Library:
    for text in (HARBOUR, ORCHARD):
        reply = await ask(bot, "!add " + text)
        assert not reply.is_error, shown(reply)
    return await library_of(bot)


async def test_add_pasted_text_then_quote(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!quote safety comes first")
    assert not reply.is_error
    block = reply.first.quotations[0]
    assert "Safety comes first" in block.text
    assert block.speaker == "Ingrid Solberg"
    assert "harbour bridge will close" in block.citation.lower()


async def test_add_file_and_duplicate(bot: Bot) -> None:
    data = HARBOUR.encode()
    first = await ask(bot, "!add", files=(Attachment("bridge.txt", data),))
    assert "Added #1" in shown(first)
    again = await ask(bot, "!add", files=(Attachment("copy.md", data.replace(b"  ", b" ")),))
    assert "Already in the library as #1" in shown(again)
    assert await (await library_of(bot)).count() == 1


async def test_add_refusals_change_nothing(bot: Bot) -> None:
    await library(bot)
    before = await checksum(bot)
    cases = [
        ("!add", ()),
        ("!add Just a title", ()),
        ("!add", (Attachment("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)),)),
        ("!add", (Attachment("empty.txt", b""),)),
        ("!add", (Attachment("big.txt", b"word " * 500_000),)),
        ("!add", (Attachment("short.txt", b"Title\nToo short."),)),
        ("!add", (Attachment("tool.exe", b"MZ\x90\x00" + bytes(100)),)),
        ("!add", (Attachment("table.csv", b"a,b\n" * 100),)),
    ]
    for text, files in cases:
        reply = await ask(bot, text, files=files)
        assert reply.is_error, (text, files)
        assert reply.private
    assert await checksum(bot) == before


async def test_quote_by_speaker_lists_pages_and_next(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!quote by:Solberg")
    speakers = {q.speaker for page in reply.pages for q in page.quotations}
    assert speakers and all("Solberg" in s for s in speakers)
    assert (await ask(bot, "!quote by:Nobody")).is_error


async def test_random_quote_and_fallback_passage(bot: Bot) -> None:
    assert (await ask(bot, "!quote")).is_error  # empty library
    await library(bot)
    assert (await ask(bot, "!quote")).first.quotations
    reply = await ask(bot, "!quote free ferry")
    assert "closest passage" in reply.first.title
    assert "ferry" in reply.first.quotations[0].text
    assert (await ask(bot, "!quote zebra unicorn")).is_error


async def test_quote_in_article(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!quote in:#2")
    assert "Lindqvist" in reply.first.quotations[0].speaker
    assert (await ask(bot, "!quote in:#99")).is_error


async def test_paging_with_next(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!quote the")
    assert len(reply.pages) >= 2
    second = await ask(bot, "!next")
    assert second.first == reply.pages[1]
    other_user = await ask(bot, "!next", user="u2")
    assert other_user.is_error


async def test_summary_lengths(bot: Bot) -> None:
    await library(bot)
    short = await ask(bot, "!summary #1 short")
    long = await ask(bot, "!summary harbour bridge long")
    assert len(short.first.paragraphs[0]) < len(long.first.paragraphs[0])
    assert len(short.first.paragraphs[0]) <= 300
    assert (await ask(bot, "!summary #42")).first.title == "Unknown article"


async def test_summary_serves_the_stored_text_of_each_length(bot: Bot) -> None:
    """The default length is medium, typed or as a slash command; each length is its own text."""
    books = await library(bot)
    (article,) = await books.resolve("#1")
    expected = summarize(await books.text(article), article.title)
    assert len(set(expected.values())) == 3  # the lengths differ on this article

    def text(reply: Reply) -> str:
        assert not reply.is_error, shown(reply)
        return reply.first.paragraphs[0]

    slash = request(command="summary", options={"article": "#1"})
    served = [
        text(await ask(bot, "!summary #1")),
        text(await ask(bot, "!summary #1 medium")),
        text(await bot.handle(slash) or Reply.error("no reply", "")),
    ]
    assert served == [expected["medium"]] * 3
    for length in ("short", "long"):
        assert text(await ask(bot, f"!summary #1 {length}")) == expected[length]


async def test_ambiguous_reference_lists_candidates(bot: Bot) -> None:
    await library(bot)
    await ask(bot, "!add The valley harbour plan\n" + ORCHARD.split("\n", 1)[1] + " More text.")
    reply = await ask(bot, "!article harbour")
    assert reply.is_error and "#1" in shown(reply) and "#3" in shown(reply)


async def test_sources_list_and_cited(bot: Bot) -> None:
    assert "empty" in shown(await ask(bot, "!sources"))
    await library(bot)
    listing = shown(await ask(bot, "!sources"))
    assert "#1 The harbour bridge" in listing and "#2 Apple growers" in listing
    assert (await ask(bot, "!sources 5")).is_error
    cited = shown(await ask(bot, "!sources #1"))
    assert "Solberg" in cited


async def test_article_card_and_search(bot: Bot) -> None:
    await library(bot)
    card = await ask(bot, "!article #2")
    assert card.first.title.startswith("Apple growers")
    assert any(f.name == "Quotations" for f in card.first.fields)
    found = await ask(bot, "!search harvest")
    assert "Apple growers" in shown(found)
    assert (await ask(bot, "!search ***")).is_error
    assert (await ask(bot, "!search submarine")).is_error


async def test_members_cannot_curate_and_nothing_changes(bot: Bot) -> None:
    await library(bot)
    before = await checksum(bot)
    for text in (
        "!remove #1",
        "!edit #1 title X",
        "!add Title\nbody " * 30,
        "!stats",
        "!feed list",
    ):
        reply = await ask(bot, text, role=Role.MEMBER)
        assert reply.is_error and "moderators only" in shown(reply)
    assert await checksum(bot) == before
    refused = [e for e in await (await library_of(bot)).audit() if e.action == "refused"]
    assert len(refused) == 5


async def test_remove_and_edit(bot: Bot) -> None:
    books = await library(bot)
    edited = await ask(bot, "!edit #1 author Town Reporter")
    assert not edited.is_error
    [article] = await books.resolve("#1")
    assert article.author == "Town Reporter"
    assert (await ask(bot, "!edit #1 date yesterday")).is_error
    assert (await ask(bot, "!edit #1 url javascript:alert(1)")).is_error
    assert not (await ask(bot, "!remove #1")).is_error
    assert await books.resolve("#1") == []
    assert (await ask(bot, "!remove #1")).is_error


async def test_help(bot: Bot) -> None:
    overview = shown(await ask(bot, "!help"))
    for name in ("quote", "summary", "sources", "article", "search", "add", "remove"):
        assert f"!{name}" in overview
    detail = shown(await ask(bot, "!help summary"))
    assert "!summary <article> [short|medium|long]" in detail and "Example" in detail
    assert (await ask(bot, "!help frobnicate")).is_error


async def test_stats(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!stats")
    values = {f.name: f.value for f in reply.first.fields}
    assert values["Articles"] == "2"


async def test_cooldown_warns_once_then_stays_quiet(settings: Settings) -> None:
    bot = await Bot.open(replace(settings, cooldown_commands=8, cooldown_seconds=60))
    try:
        await _flood(bot)
    finally:
        await bot.close()


async def _flood(bot: Bot) -> None:
    answers = [
        await bot.handle(request("!help", user="flood", role=Role.MEMBER)) for _ in range(20)
    ]
    notices = [a for a in answers if a is not None and a.first.title == "Slow down"]
    assert len(notices) == 1
    assert answers.count(None) == 20 - bot.settings.cooldown_commands - 1
    other = await bot.handle(request("!help", user="calm", role=Role.MEMBER))
    assert other is not None and not other.is_error


async def test_a_failing_handler_becomes_an_error_reply(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Library, "stats", broken)
    reply = await ask(bot, "!stats")
    assert reply.is_error and "Reference" in shown(reply)


async def test_a_link_in_angle_brackets_is_fetched_not_pasted(bot: Bot) -> None:
    reply = await ask(bot, "!add <http://10.0.0.1/story>")
    assert reply.is_error
    assert "private" in shown(reply).lower() or "not allowed" in shown(reply).lower()
    assert await (await library_of(bot)).count() == 0


async def test_add_outcomes_are_titled_by_what_happened(bot: Bot) -> None:
    data = HARBOUR.encode()
    await ask(bot, "!add", files=(Attachment("bridge.txt", data),))
    again = await ask(bot, "!add", files=(Attachment("bridge.txt", data),))
    assert again.first.title == "Already in the library" and not again.is_error
    mixed = await ask(
        bot, "!add", files=(Attachment("a.txt", ORCHARD.encode()), Attachment("b.txt", b""))
    )
    assert mixed.first.title == "Library updated"
    assert "Not added: `b.txt` is empty." in shown(mixed)
    assert (
        "Added #2: Apple growers expect a record harvest in the valley (85 words, 2 quotations)"
        in shown(mixed)
    )
    big = await ask(bot, "!add", files=(Attachment("big.txt", b"x" * 3_000_000),))
    assert big.is_error and "`big.txt`: That is too large: the limit is 2.0 MB." in shown(big)


async def test_edit_refuses_impossible_dates(bot: Bot) -> None:
    await library(bot)
    assert (await ask(bot, "!edit #1 date 2021-02-30")).is_error
    assert (await ask(bot, "!edit #1 date 2021-13")).is_error
    assert not (await ask(bot, "!edit #1 date 2021-02-28")).is_error


async def test_a_bare_scheme_is_treated_as_a_link(bot: Bot) -> None:
    reply = await ask(bot, "!add http://")
    assert reply.is_error and "Paste the article" not in shown(reply)


async def test_quotations_are_shown_without_a_dangling_comma(bot: Bot) -> None:
    await library(bot)
    reply = await ask(bot, "!quote cannot keep a bridge open")
    text = reply.first.quotations[0].text
    assert text.startswith("We cannot keep") and not text.endswith(",")
