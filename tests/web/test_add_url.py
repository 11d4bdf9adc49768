"""`add <url>` through the core: stored whole with its metadata, or refused with nothing stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core import Bot
from bot.models import Reply
from tests.support.requests import ask, checksum, library
from tests.web.pages import article_html, paywall_html, stub_html
from tests.web.server import LocalServer, Route


@pytest.fixture
async def web_bot(tmp_path: Path) -> AsyncIterator[Bot]:
    settings = Settings(
        db=str(tmp_path / "library.db"),
        state_dir=tmp_path / "state",
        fetch_allow_hosts=("127.0.0.1",),
        fetch_timeout=2.0,
        cooldown_commands=1000,
    )
    bot = await Bot.open(settings)
    try:
        yield bot
    finally:
        await bot.close()


async def add(bot: Bot, target: str) -> Reply:
    return await ask(bot, f"!add {target}")


async def test_an_article_is_added_with_its_metadata_and_sources(
    server: LocalServer, web_bot: Bot
) -> None:
    server.routes["/article"] = Route(article_html())
    reply = await add(web_bot, server.url("/redirect/1"))
    assert not reply.is_error, reply
    assert reply.first.paragraphs[0].startswith("Added #1: Vellmoor votes to rebuild")
    books = await library(web_bot)
    [article] = await books.resolve("#1")
    assert (article.author, article.outlet, article.published, article.language) == (
        "Ines Albrecht", "The Coastal Ledger", "2026-11-03", "en"
    )
    assert article.url == server.url("/article")
    assert article.canonical_url == "https://news.example/2026/11/vellmoor-pier"
    sources = await books.sources(article)
    assert ("link", "https://council.example/pier-plan") in [(s.kind, s.url) for s in sources]
    quotes = await books.quotations(article=article, limit=100)
    assert any(q.speaker == "Maren Okafor" for q in quotes)

    again = await add(web_bot, server.url("/article"))
    assert again.first.title == "Already in the library"
    assert await books.count() == 1


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "doesn't exist"),
        ("/paywall", "paywalled"),
        ("/stub", "too little text"),
        ("/endless-bytes", "binary"),
        ("/slow", "too long"),
    ],
)
async def test_refusals_store_nothing(
    server: LocalServer, web_bot: Bot, path: str, message: str
) -> None:
    server.routes["/paywall"] = Route(paywall_html())
    server.routes["/stub"] = Route(stub_html())
    server.routes["/endless-bytes"] = Route(b"\x89PNG\r\n\x1a\n" + b"\x00" * 9000)
    await library(web_bot)  # the community exists before the checksum is taken
    before = await checksum(web_bot)
    reply = await add(web_bot, server.url(path))
    assert reply.is_error and reply.private
    assert message in reply.first.paragraphs[0]
    assert await checksum(web_bot) == before


async def test_private_addresses_are_refused(web_bot: Bot) -> None:
    for url in ("http://10.0.0.1/", "http://[::ffff:169.254.169.254]/", "http://2852039166/"):
        reply = await add(web_bot, url)
        assert reply.is_error and "private or local" in reply.first.paragraphs[0]


async def test_a_page_of_one_repeated_word_is_not_an_article(
    server: LocalServer, web_bot: Bot
) -> None:
    server.routes["/spam"] = Route(("word " * 30_000).encode(), content_type="text/plain")
    reply = await add(web_bot, server.url("/spam"))
    assert reply.is_error
    assert "too long" in reply.first.paragraphs[0] or "read like" in reply.first.paragraphs[0]
    assert await (await library(web_bot)).count() == 0
