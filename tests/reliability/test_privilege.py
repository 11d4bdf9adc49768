"""Every moderator command tried by a member on the console path and `articlebot ask --as
member`: refused, nothing changed, the attempt in the audit log. (Discord and Matrix members
are tried by tests/discord and tests/matrix; the report counts those too.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.console import console_request
from bot.commands.catalog import COMMANDS
from bot.commands.parser import UsageError
from bot.core import Bot
from bot.models import Request, Role
from tests.reliability.loaded import load
from tests.reliability.tally import case
from tests.support.articles import HARBOUR
from tests.support.requests import checksum, library, request

pytestmark = pytest.mark.attack("Privilege: members on the console / CLI")

ROOT = Path(__file__).parents[2]
MODERATOR_COMMANDS = sorted(c.name for c in COMMANDS if c.role is Role.MODERATOR)
ATTEMPTS = [
    "!add https://example.org/story",
    "!add Pasted title\n" + HARBOUR,
    "!remove #1",
    "!delete #1",
    "!REMOVE harbour",
    "!edit #1 title Hacked",
    "!edit #1 url https://evil.example/",
    "!feed add https://example.org/feed.xml",
    "!feeds list",
    "!feed remove 1",
    "!stats",
    "!Stats",
    "!community name mallory-land",
    "!community link !elsewhere:example.org",
    "!community share other-club",
    "!settings prefix ?",
    "\u200b!remove #1",
    "!\u200dremove #1",
    "!remove\u202e #1",
    "  !remove #1",
    "remove #1",  # the console adds the prefix
]
SLASH = [
    ("add", {"source": "https://example.org/story"}),
    ("remove", {"article": "#1"}),
    ("edit", {"article": "#1", "field": "title", "value": "Hacked"}),
    ("feed", {"action": "add", "target": "https://example.org/feed.xml"}),
    ("feed", {"action": "remove", "target": "1"}),
    ("stats", {}),
    ("community", {"action": "unlink"}),
    ("settings", {"name": "page-size", "value": "20"}),
]


def test_the_attempts_cover_every_moderator_command() -> None:
    tried = {line.split()[0].strip("!\u200b\u200d\u202e").lower() for line in ATTEMPTS}
    tried |= {name for name, _ in SLASH}
    assert set(MODERATOR_COMMANDS) <= tried | {"delete", "feeds"}


def _member(text: str = "", **details: object) -> Request:
    return request(
        text, user="member-7", name="Mallory", role=Role.MEMBER, place="console", **details  # type: ignore[arg-type]
    )


async def _refused(bot: Bot, request: Request, name: str) -> None:
    books = await library(bot)
    before = await checksum(bot)
    entries = len(await books.audit(10_000))
    reply = await bot.handle(request)
    assert reply is not None and reply.is_error, (request.text, reply)
    assert "for moderators only" in reply.first.paragraphs[0]
    assert await checksum(bot) == before
    audit = await books.audit(10_000)
    assert len(audit) == entries + 1
    assert audit[0].action == "refused" and audit[0].target == name
    assert request.user_id in audit[0].actor


async def test_members_are_refused_every_moderator_command(bot: Bot) -> None:
    await load(bot)
    await (await library(bot)).add_feed(
        "https://example.org/feed.xml", "console", "Feed", 900, "mod"
    )
    for line in ATTEMPTS:
        with case():
            typed = console_request(line, "!", Role.MEMBER, bot.settings.max_upload_bytes)
            request = _member(typed.text)
            try:
                invocation = bot.parse(request, "!")
            except UsageError:  # e.g. `!!remove`: not a command at all, so nothing runs
                before = await checksum(bot)
                reply = await bot.handle(request)
                assert reply is not None and reply.is_error
                assert await checksum(bot) == before
                continue
            assert invocation is not None
            await _refused(bot, request, invocation.command.name)
    for name, options in SLASH:
        with case():
            await _refused(bot, _member(command=name, options=options), name)


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARTICLEBOT_DB": str(db), "ARTICLEBOT_LOG_LEVEL": "ERROR",
           "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        env=env, cwd=db.parent, capture_output=True, text=True, timeout=120, check=False,
    )


def test_ask_as_member_is_refused_and_logged(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    article = tmp_path / "bridge.txt"
    article.write_text(HARBOUR, encoding="utf-8")
    assert _cli(db, "ask", "--attach", str(article), "!add").returncode == 0
    export = tmp_path / "before.json"
    assert _cli(db, "export", str(export)).returncode == 0
    lines = [
        "!remove #1",
        "!edit #1 title Hacked",
        "!stats",
        "!feed add https://e.org/f",
        "!community name taken-over",
        "!settings prefix ?",
    ]
    for line in lines:
        with case():
            result = _cli(db, "ask", "--as", "member", line)
            assert result.returncode == 1 and "moderators only" in result.stdout, result
    with case():  # and with a file attached
        result = _cli(db, "ask", "--as", "member", "--attach", str(article), "!add")
        assert result.returncode == 1 and "moderators only" in result.stdout
    after = tmp_path / "after.json"
    assert _cli(db, "export", str(after)).returncode == 0
    old, new = json.loads(export.read_text()), json.loads(after.read_text())
    for part in ("articles", "feeds", "settings", "community", "next_article"):
        assert old[part] == new[part]
    refused = [e for e in new["audit_log"] if e["action"] == "refused"]
    assert [e["target"] for e in refused] == [
        "remove", "edit", "stats", "feed", "community", "settings", "add"
    ]
