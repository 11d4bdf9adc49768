"""The reliability suites: counting cases per attack, and no way out to the internet.

Every socket connection to anything but the loopback interface fails at once, so a test that
would try the internet fails fast instead of hanging.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.ingest.fetch import Fetcher
from tests.reliability.tally import TALLY

QUICK_EXAMPLES = 150  # hypothesis examples per target in the main suite
SLOW_EXAMPLES = 10_000  # ... and in `make test-slow`


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "attack(name): the attack or fault a test tries")


def _attack(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("attack")
    return str(marker.args[0]) if marker else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    TALLY.attack, TALLY.test = _attack(item), item.nodeid
    yield
    TALLY.attack = TALLY.test = None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    attack = report.user_properties and dict(report.user_properties).get("attack")
    if not attack:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if report.when == "setup" and report.skipped:
            return
        outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
        reason = getattr(report, "wasxfail", "")
        TALLY.finish_test(str(attack), report.nodeid, outcome, reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[Any]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    attack = _attack(item)
    if attack:
        report.user_properties.append(("attack", attack))
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = os.environ.get("ARTICLEBOT_RELIABILITY_OUT")
    if out and TALLY.counts:
        TALLY.dump(Path(out))


# -- no internet ------------------------------------------------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _local(address: Any) -> bool:
    if not isinstance(address, tuple):
        return True  # a Unix socket
    try:
        return ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback
    except ValueError:
        return str(address[0]) == "localhost"


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _local(address):
        raise OSError(f"reliability tests never leave the machine (tried {address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _local(address):
        raise OSError(f"reliability tests never leave the machine (tried {address!r})")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


# -- an offline web fetcher for tests that may type links -------------------------------------


async def _no_dns(host: str, port: int) -> list[str]:
    raise OSError(f"no DNS in the reliability tests ({host})")


def _no_web(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, text="offline")


@pytest.fixture
def offline_web(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `Fetcher.from_settings` resolves nothing and answers 404 for literal addresses."""
    original = Fetcher.from_settings.__func__  # type: ignore[attr-defined]

    def offline(cls: type[Fetcher], settings: Settings, **_: Any) -> Fetcher:
        return original(cls, settings, resolver=_no_dns, transport=httpx.MockTransport(_no_web))

    monkeypatch.setattr(Fetcher, "from_settings", classmethod(offline))
