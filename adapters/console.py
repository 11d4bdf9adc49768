"""The local console: the same commands on a terminal, typed by a moderator.

`!` is optional here. Attach files by naming them with `@`: `add @article.txt`. Paste an article
by typing `add` alone: the lines that follow, up to one holding a single `.` (or the end of
input), are the article, as if pasted into a chat message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot.core import Bot
from bot.ingest.text import HTML_SUFFIXES, TEXT_SUFFIXES
from bot.models import Attachment, Reply, Request, Role
from bot.render_text import render_first, render_page

log = logging.getLogger(__name__)
PLACE = "console"
END_OF_PASTE = "."


class AttachmentError(ValueError):
    """An `@path` names no readable file."""


def _meant_as_file(word: str) -> bool:
    """`@notes/a.txt` or `@a.md` is a file the user meant to attach; `@everyone` is not."""
    return "/" in word or Path(word).suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES


def read_attachments(text: str, limit: int) -> tuple[str, tuple[Attachment, ...]]:
    """Split `@path` words naming files off the text and read those files (size-capped)."""
    try:
        words = shlex.split(text)
    except ValueError:
        return text, ()
    attachments = []
    for word in words:
        name = word[1:]
        if not word.startswith("@") or not name:
            continue
        path = Path(name).expanduser()
        if path.is_dir():
            raise AttachmentError(f"{name} is a folder; attach files one by one.")
        if not path.is_file():
            if _meant_as_file(name):
                raise AttachmentError(f"No such file: {name}")
            continue
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)  # one byte over the limit is enough to refuse
        except OSError as err:
            raise AttachmentError(f"Cannot read {name}: {err.strerror or err}") from None
        attachments.append(Attachment(path.name, data))
        text = text.replace(word, " ", 1)
    return text, tuple(attachments)


async def _readline(stdin: TextIO) -> str:
    """One line from `stdin` on a daemon thread: a blocked read never holds up shutdown
    (`asyncio.to_thread` did, so SIGTERM left the process waiting for input forever)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def deliver(line: str | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(line or "")

    def read() -> None:
        line, error = None, None
        try:
            line = stdin.readline()
        except BaseException as exc:  # handed to the waiting coroutine
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(deliver, line, error)

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    return await future


def starts_paste(line: str, prefix: str) -> bool:
    """`add` alone (with or without the prefix) opens a multi-line paste."""
    return line.strip().removeprefix(prefix).strip().lower() == "add"


async def read_paste(stdin: TextIO) -> str:
    """The lines up to one holding a single `.` (or the end of input), without it."""
    lines: list[str] = []
    while True:
        line = await _readline(stdin)
        if not line or line.strip() == END_OF_PASTE:
            return "".join(lines)
        lines.append(line)


def console_request(
    line: str, prefix: str, role: Role, limit: int, community: str = "default"
) -> Request:
    """The request for one typed line, in the library of the community named `community`."""
    text, attachments = read_attachments(line.strip(), limit)
    text = text.strip()
    if not text.startswith(prefix):
        text = prefix + text
    return Request(
        "console", "console", role, PLACE, text, attachments, space=f"console:{community}"
    )


class ConsoleAdapter:
    """Reads commands from stdin, prints replies and announcements to stdout."""

    name = "console"

    def __init__(
        self,
        bot: Bot,
        stdin: TextIO = sys.stdin,
        stdout: TextIO = sys.stdout,
        community: str = "default",
    ):
        self.bot = bot
        self.community = community
        self.stdin = stdin
        self.stdout = stdout
        bot.add_announcer(PLACE, self)

    async def announce(self, place: str, reply: Reply) -> None:
        self._print("\n[announcement]\n" + render_page(reply.first))

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def run(self) -> None:
        prefix = (await self.bot.settings_for(f"console:{self.community}")).prefix
        self._print(
            f"articlebot console — library {self.bot.location}, community {self.community}; "
            "you act as its operator (every command, moderators' too).\n"
            f"Type {prefix}help (the {prefix} is optional), attach files with @path, "
            "Ctrl-D to quit.\n"
            f"To paste an article, type add alone, paste it, and end with a line holding "
            f"only {END_OF_PASTE}"
        )
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = await _readline(self.stdin)
            if not line:
                self._print("")
                return
            if not line.strip():
                continue
            if line.strip() in ("quit", "exit", f"{prefix}quit", f"{prefix}exit"):
                return
            if starts_paste(line, prefix):
                self._print(
                    "Paste the article (title on the first line, or an HTML page, or "
                    f"Markdown), then a line holding only {END_OF_PASTE}"
                )
                pasted = await read_paste(self.stdin)  # as pasted: no `@path` attachments in it
                request = Request(
                    "console",
                    "console",
                    Role.OPERATOR,
                    PLACE,
                    f"{prefix}add\n{pasted}",
                    space=f"console:{self.community}",
                )
            else:
                try:
                    # Whoever types here runs the bot: the operator of every community.
                    request = console_request(
                        line,
                        prefix,
                        Role.OPERATOR,
                        self.bot.settings.max_upload_bytes,
                        self.community,
                    )
                except AttachmentError as err:
                    self._print(str(err))
                    continue
            reply = await self.bot.handle(request)
            if reply is not None:
                self._print(render_first(reply, prefix))

    async def close(self) -> None:
        return None
