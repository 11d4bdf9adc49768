"""`articlebot ingest` with URLs, against the local server (the allow-list lets it in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.ingest_cli import ingest
from bot.config import Settings
from bot.core import Bot
from tests.web.pages import article_html
from tests.web.server import LocalServer, Route


async def test_ingest_takes_urls_and_reports_failures(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/story"] = Route(article_html())
    server.routes["/same-story"] = Route(article_html())
    settings = Settings(
        db_path=tmp_path / "lib.db", fetch_allow_hosts=("127.0.0.1",), fetch_timeout=2.0
    )
    code = await ingest(
        [server.url("/story"), server.url("/same-story"), server.url("/missing")], settings
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "added 1, duplicates 1, failed 1" in out
    assert "/missing" in out
    bot = await Bot.open(settings)
    try:
        assert await bot.store.count_articles() == 1
    finally:
        await bot.close()
