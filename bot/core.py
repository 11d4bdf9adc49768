"""The platform-agnostic bot: a `Request` in, a `Reply` out, whatever the adapter.

`Bot.handle` never raises for a user's message: every failure becomes an error reply, logged
with a reference the user can quote to a moderator.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import time
from collections.abc import Coroutine, Sequence
from typing import Any

from bot.commands.catalog import COMMANDS
from bot.commands.context import Context
from bot.commands.parser import Invocation, UsageError, find_command, from_options, parse
from bot.commands.spec import Command
from bot.config import Settings
from bot.cooldown import Cooldown, Verdict
from bot.library import Library
from bot.models import Reply, Request, Role
from bot.pager import Pager
from bot.ports import Announcer
from storage import Store

log = logging.getLogger(__name__)


class Bot:
    def __init__(
        self, store: Store, settings: Settings, commands: Sequence[Command] = COMMANDS
    ) -> None:
        self.store = store
        self.settings = settings
        self.commands = tuple(commands)
        self.library = Library(store)
        self.pager = Pager()
        self.cooldown = Cooldown(settings.cooldown_commands, settings.cooldown_seconds)
        self._announcers: dict[str, Announcer] = {}

    @classmethod
    async def open(cls, settings: Settings) -> Bot:
        return cls(await Store.open(settings.db_path), settings)

    async def close(self) -> None:
        await self.store.close()

    def background_jobs(self) -> list[Coroutine[Any, Any, None]]:
        """Long-running jobs of a running bot (the feed poller), started by the runner."""
        from bot.feeds import start_jobs

        return start_jobs(self)

    # -- outbound ---------------------------------------------------------------------------

    def add_announcer(self, platform: str, announcer: Announcer) -> None:
        """Route announcements for places `platform` or `platform:...` to `announcer`."""
        self._announcers[platform] = announcer

    async def announce(self, place: str, reply: Reply) -> bool:
        """Post into a place through its adapter; False when no adapter serves it now."""
        announcer = self._announcers.get(place.split(":", 1)[0])
        if announcer is None:
            log.warning("no adapter for %s; announcement dropped", place)
            return False
        await announcer.announce(place, reply)
        return True

    # -- inbound ----------------------------------------------------------------------------

    def parse(self, request: Request) -> Invocation | None:
        """The command a request invokes; None when the message is not for the bot."""
        if request.command is not None:
            command = find_command(request.command, self.commands)
            if command is None:
                raise UsageError(f"Unknown command `{request.command[:40]}`.")
            return from_options(command, request.options, self.settings.prefix)
        return parse(request.text, self.commands, self.settings.prefix)

    async def handle(self, request: Request) -> Reply | None:
        """Answer one request. None means: say nothing (not a command, or a muted flood)."""
        try:
            invocation: Invocation | UsageError | None = self.parse(request)
        except UsageError as err:
            invocation = err
        if invocation is None:
            return None
        verdict = self.cooldown.check(request.user_id)
        if verdict is Verdict.DROP:
            return None
        if verdict is Verdict.WARN:
            wait = self.cooldown.retry_after(request.user_id)
            return Reply.error(
                f"You're sending commands too fast; try again in {wait:.0f} s.",
                title="Slow down",
            )
        if isinstance(invocation, UsageError):
            return Reply.error(str(invocation), title="Usage")
        command = invocation.command
        if command.role is Role.MODERATOR and request.role is not Role.MODERATOR:
            log.warning(
                "refused %s to member %s (%s) in %s",
                command.name,
                request.display_name,
                request.user_id,
                request.place,
            )
            await self._log_refusal(request, command)
            return Reply.error(
                f"`{self.settings.prefix}{command.name}` is for moderators only.",
                title="Not allowed",
            )
        started = time.perf_counter()
        try:
            reply = await command.handler(Context(request, self), invocation.args)
        except sqlite3.OperationalError as err:
            if "full" not in str(err):
                return self._failure(command)
            log.error("command %s failed, the library's disk is full: %s", command.name, err)
            return Reply.error(
                "The library's disk is full, so nothing new can be stored; nothing was changed "
                "and everything already stored is safe. Please tell the bot's operator.",
                title="Disk full",
            )
        except Exception:
            return self._failure(command)
        log.info(
            "%s by %s in %s: %s (%.0f ms)",
            command.name,
            request.user_id,
            request.place,
            reply.kind.value,
            (time.perf_counter() - started) * 1000,
        )
        if command.name != "next":
            self.pager.remember(request, reply)
        return reply

    @staticmethod
    def _failure(command: Command) -> Reply:
        """Log the exception being handled; the user gets a reference to quote."""
        reference = secrets.token_hex(4)
        log.exception("command %s failed (ref %s)", command.name, reference)
        return Reply.error(
            f"Something went wrong on our side; nothing was changed. Reference: {reference}.",
            title="Error",
        )

    async def _log_refusal(self, request: Request, command: Command) -> None:
        try:
            await self.store.log_action(
                f"{request.display_name} ({request.user_id})",
                request.place,
                "refused",
                command.name,
                request.text[:200],
            )
        except Exception:
            log.exception("could not write the refusal to the audit log")
