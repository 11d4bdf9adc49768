from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.ingest.fetch import Fetcher, Resolver
from tests.web.server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def fake_resolver(answers: dict[str, list[str]], calls: list[str] | None = None) -> Resolver:
    """A resolver answering from a table (unknown names fail like NXDOMAIN)."""

    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in answers:
            raise OSError(f"no such host {host}")
        return answers[host]

    return resolve


def local_fetcher(**options: object) -> Fetcher:
    """A fetcher that may reach the test server on 127.0.0.1, and nothing else private."""
    settings: dict[str, object] = {"allow_hosts": ("127.0.0.1",), "timeout": 5.0}
    settings.update(options)
    return Fetcher(**settings)  # type: ignore[arg-type]
