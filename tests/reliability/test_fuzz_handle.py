"""Hostile messages, slash options and attachments through `Bot.handle`, as members and as
moderators: never an exception, never an internal error, every reply renderable on every
platform, and a member's message never changes the library."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import strategies as st

from bot.commands.catalog import COMMANDS
from bot.config import Settings
from bot.core import Bot
from bot.models import Attachment, Reply, Request, Role
from tests.reliability.checks import check_all
from tests.reliability.hostile import budgets, command_lines, hostile_text, run_property
from tests.reliability.loaded import load
from tests.support.requests import SPACE, checksum, request

pytestmark = pytest.mark.attack("Hostile text: Bot.handle end to end")

INTERNAL_ERROR = "Something went wrong on our side"

attachments = st.lists(
    st.builds(
        Attachment,
        filename=st.one_of(
            st.sampled_from(("a.txt", "b.md", "c.html", "d", "e.png", "../../etc/passwd", "")),
            st.text(max_size=40),
        ),
        data=st.one_of(
            st.binary(max_size=3000),
            hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
            hostile_text.map(lambda t: ("Title\n" + t).encode("utf-8", "surrogatepass")),
        ),
    ),
    max_size=2,
)


@dataclass(frozen=True)
class Message:
    role: Role
    user: str
    text: str
    command: str | None
    options: dict[str, str]
    files: tuple[Attachment, ...]
    space: str

    def request(self) -> Request:
        return request(
            self.text,
            user=self.user,
            name=self.user,
            role=self.role,
            place="console",
            files=self.files,
            command=self.command,
            options=self.options,
            space=self.space,
        )


option_names = st.sampled_from([*sorted({a.name for c in COMMANDS for a in c.args}), "x"])
messages = st.builds(
    Message,
    role=st.sampled_from(Role),
    user=st.sampled_from(("u1", "u2", "u3", "")),
    text=command_lines(),
    command=st.one_of(st.none(), st.none(), st.sampled_from([c.name for c in COMMANDS] + ["x"])),
    options=st.dictionaries(option_names, hostile_text, max_size=3),
    files=st.one_of(st.just(()), attachments.map(tuple)),
    space=st.sampled_from((SPACE, SPACE, "")),  # the tests' community, or a direct message
)


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    running = asyncio.new_event_loop()
    yield running
    running.close()


@pytest.mark.parametrize("examples", budgets(quick=100))
def test_handle_never_fails(
    tmp_path: Path, loop: asyncio.AbstractEventLoop, offline_web: None, examples: int
) -> None:
    settings = Settings(
        db=str(tmp_path / "lib.db"),
        state_dir=tmp_path / "state",
        cooldown_commands=10_000_000,
        max_upload_bytes=200_000,
    )
    bot = loop.run_until_complete(Bot.open(settings))
    loop.run_until_complete(load(bot))

    def check(message: Message) -> None:
        before = loop.run_until_complete(checksum(bot))
        reply = loop.run_until_complete(bot.handle(message.request()))
        assert reply is None or isinstance(reply, Reply)
        if reply is None:
            return
        assert reply.pages
        assert not any(INTERNAL_ERROR in p for page in reply.pages for p in page.paragraphs)
        check_all(reply)
        if message.role is Role.MEMBER:
            assert loop.run_until_complete(checksum(bot)) == before

    try:
        run_property(messages, check, examples)
    finally:
        loop.run_until_complete(bot.close())



@pytest.mark.parametrize("line", ["!sources ²", "!feed remove ²", "!feed remove #³"])
async def test_superscript_digits_get_an_answer(bot: Bot, line: str) -> None:
    """Found by the slow property above: these raised ValueError (out of `Bot.handle`, or as
    an internal error for `feed remove`)."""
    for role in Role:
        reply = await bot.handle(request(line, user="u", role=role, place="console"))
        assert reply is not None
        assert not any(INTERNAL_ERROR in p for p in reply.first.paragraphs)
