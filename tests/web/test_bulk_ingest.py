"""Bulk ingestion of URLs, against the local server (the allow-list lets it in)."""

from __future__ import annotations

from bot.core import Bot
from bot.ingest.bulk import ingest
from tests.support.requests import library
from tests.web.pages import article_html
from tests.web.server import LocalServer, Route


async def test_bulk_ingestion_takes_urls_and_reports_failures(
    server: LocalServer, bot: Bot
) -> None:
    server.routes["/story"] = Route(article_html())
    server.routes["/same-story"] = Route(article_html())
    settings = bot.settings.__class__(
        db=bot.settings.db, fetch_allow_hosts=("127.0.0.1",), fetch_timeout=2.0
    )
    target = await library(bot)
    seen: list[tuple[int, int]] = []
    tally = await ingest(
        target,
        [server.url("/story"), server.url("/same-story"), server.url("/missing")],
        settings,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert (tally.added, tally.duplicates) == (1, 1)
    assert [name for name, _ in tally.failed] == [server.url("/missing")]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert await target.count() == 1
    assert await (await library(bot, "test:other")).count() == 0
