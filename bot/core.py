"""The platform-agnostic bot: a `Request` in, a `Reply` out, whatever the adapter.

`Bot.handle` never raises for a user's message: every failure becomes an error reply, logged
with a reference the user can quote to a moderator. Each request is answered from the library
of its community (the guild, room or console name it came from), and nothing else.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.commands.catalog import COMMANDS
from bot.commands.context import Context
from bot.commands.parser import Invocation, UsageError, find_command, from_options, parse
from bot.commands.spec import ArgKind, Command
from bot.communities import Communities, Community, CommunitySettings
from bot.community_admin import CommunityAdmin
from bot.config import Settings
from bot.cooldown import Cooldown, Verdict
from bot.fetch_gate import FetchGate
from bot.library import Library
from bot.llm.client import ChatClient
from bot.llm.writer import SummaryWriter
from bot.models import Reply, Request, Role
from bot.pager import Pager
from bot.ports import Announcer, Directory
from storage import Conflict, DiskFull, Scope, Store, StoreError, StoreUnavailable, open_store

log = logging.getLogger(__name__)
LibraryError = StoreError  # what the command line shows as is: no library, a damaged export
LibraryUnavailable = StoreUnavailable  # the library's server cannot be reached (yet)
OPTIMIZE_AFTER = 500  # articles added in one bulk load, after which the search indexes merge
# Commands a direct message may use: there is no community (and so no library) there.
WITHOUT_COMMUNITY = ("help",)


class Bot:
    def __init__(
        self, store: Store, settings: Settings, commands: Sequence[Command] = COMMANDS
    ) -> None:
        self.store = store
        self.settings = settings
        self.commands = tuple(commands)
        self.communities = Communities(store, settings)
        self.pager = Pager()
        self.cooldown = Cooldown(settings.cooldown_commands, settings.cooldown_seconds)
        self.fetch_gate = FetchGate(settings.fetches_per_user, settings.fetches_per_community)
        self.summary_writer = SummaryWriter(ChatClient(settings.llm)) if settings.llm else None
        self._announcers: dict[str, Announcer] = {}
        self._directories: dict[str, Directory] = {}

    @classmethod
    async def open(cls, settings: Settings, create: bool = True) -> Bot:
        """The bot on the library `settings.db`; without `create` it must exist already."""
        return cls(await open_store(settings.db, create=create), settings)

    async def close(self) -> None:
        if self.summary_writer is not None:
            await self.summary_writer.client.close()
        await self.store.close()

    @property
    def location(self) -> str:
        """Where the library is (a path, or a URL without its password)."""
        return self.store.location

    def background_jobs(self) -> list[Coroutine[Any, Any, None]]:
        """Long-running jobs of a running bot (feed poller, retention purge)."""
        from bot.feeds import start_jobs
        from bot.retention import retention_job

        return [*start_jobs(self), retention_job(self)]

    # -- adapters ---------------------------------------------------------------------------

    def add_announcer(self, platform: str, announcer: Announcer) -> None:
        """Route announcements for places `platform` or `platform:...` to `announcer`."""
        self._announcers[platform] = announcer

    def add_directory(self, platform: str, directory: Directory) -> None:
        """Let the core ask `platform` about its spaces (to link rooms)."""
        self._directories[platform] = directory

    async def announce(self, place: str, reply: Reply) -> bool:
        """Post into a place through its adapter; False when no adapter serves it now."""
        announcer = self._announcers.get(place.split(":", 1)[0])
        if announcer is None:
            log.warning("no adapter for %s; announcement dropped", place)
            return False
        await announcer.announce(place, reply)
        return True

    async def settings_for(self, space: str) -> CommunitySettings:
        """The effective settings of the community `space` uses (the bot's for a DM)."""
        community = await self.communities.of_space(space) if space else None
        return community.settings if community else CommunitySettings.of({}, self.settings)

    async def joined(self, space: str) -> None:
        """The bot is (again) in `space`: a community left within its grace period is back."""
        await self.communities.of_space(space)

    async def left(self, space: str) -> None:
        """The bot was removed from `space` (not an outage): its library's grace period starts."""
        await self.store.communities.left(space, _now())
        self.communities.forget()
        log.info("left %s; its library is kept for %d days", space, self.settings.retention_days)

    async def present(
        self, platform: str, spaces: set[str], covers: Callable[[str], bool] = lambda _: True
    ) -> None:
        """At start-up: the spaces of `platform` the bot is in; any other that this process
        `covers` (its Discord shards) was left meanwhile."""
        await self.store.communities.present(platform, spaces, _now(), covers)
        self.communities.forget()

    async def purge_left(self, now: datetime | None = None) -> list[str]:
        """Delete the libraries of communities left more than the grace period ago."""
        moment = now or datetime.now(UTC)
        cutoff = (moment - timedelta(days=self.settings.retention_days)).replace(microsecond=0)
        purged = await self.store.communities.purge(cutoff.isoformat())
        for community in purged:
            log.warning("purged the library of community %s (left)", community.name)
        self.communities.forget()
        return [c.name for c in purged]

    async def library_named(self, name: str) -> Library:
        """The library of the community called `name` (made on first use): the console and
        the command line act on a named community."""
        community = await self.communities.of_space(f"console:{name}")
        assert community is not None
        return self._library(community)

    async def community_named(self, name: str) -> Community | None:
        """The community called `name`, if there is one (nothing is made)."""
        row = await self.store.communities.named(name)
        return await self.communities.of_id(row.id) if row else None

    async def link_space(self, space: str, name: str) -> None:
        """Let `space` (`matrix:!room:server`, `discord:<guild id>`) use the library of the
        community `name` (the operator's way to give rooms an upgraded single library)."""
        platform = space.partition(":")[0]
        if platform not in ("discord", "matrix") or not space.partition(":")[2]:
            raise LibraryError("name the space as discord:<server id> or matrix:<room id>")
        community = await self.community_named(name)
        if community is None:
            raise LibraryError(f"there is no community {name!r} in {self.location}")
        try:
            await self.store.communities.move_space(space, community.id)
        except Conflict:
            raise LibraryError(f"{space} already has a library of its own") from None
        self.communities.forget()

    async def describe_communities(self) -> list[str]:
        """A line per community: its name, article count and spaces (for operators)."""
        lines = []
        for row in await self.store.communities.all():
            library = await self.library_of(row.id)
            count = await library.count() if library else 0
            spaces = await self.store.communities.spaces_of(row.id)
            where = ", ".join(
                s.space + (f" (left {s.left_at[:10]})" if s.left_at else "") for s in spaces
            )
            lines.append(f"{row.name}: {count} articles; {where or 'no rooms'}")
        return lines

    async def after_bulk_load(self, added: int) -> None:
        """Merge the search indexes after a large bulk load (queries then read one segment)."""
        if added >= OPTIMIZE_AFTER:
            await self.store.optimize()

    async def library_of(self, community_id: int) -> Library | None:
        """The library of a community by the store's key (background jobs); None if purged."""
        community = await self.communities.of_id(community_id)
        return self._library(community) if community else None

    def _library(self, community: Community) -> Library:
        return Library(
            self.store.library(Scope(community.id, community.readable)),
            community,
            self.summary_writer,
            self.settings.llm.daily_budget if self.settings.llm else 0,
        )

    # -- inbound ----------------------------------------------------------------------------

    def role_of(self, request: Request) -> Role:
        """The adapter's role, raised to operator for the configured operators."""
        if self.settings.is_operator(request.platform, request.user_id):
            return Role.OPERATOR
        return request.role

    def parse(self, request: Request, prefix: str) -> Invocation | None:
        """The command a request invokes; None when the message is not for the bot."""
        if request.command is not None:
            command = find_command(request.command, self.commands)
            if command is None:
                raise UsageError(f"Unknown command `{request.command[:40]}`.")
            return from_options(command, request.options, prefix)
        return parse(request.text, self.commands, prefix)

    async def wants_files(self, request: Request) -> bool:
        """Whether the files that came with a request are worth downloading: only for a
        command that takes files, asked by someone allowed to run it."""
        prefix = (await self.settings_for(request.space)).prefix
        try:
            invocation = self.parse(request, prefix)
        except UsageError:
            return False
        if invocation is None or not invocation.command.takes_attachment:
            return False
        return self.role_of(request).allows(invocation.command.role)

    def upload_refusal(self, files: Sequence[tuple[str, int]]) -> Reply | None:
        """A refusal when a file (name, size in bytes) is over the limit, before downloading."""
        limit = self.settings.max_upload_bytes
        big = [(name, size) for name, size in files if size > limit]
        if not big:
            return None
        names = ", ".join(f"`{name[:60]}` ({size / 1_000_000:.1f} MB)" for name, size in big)
        return Reply.error(
            f"Too large: {names}. Files may be at most {limit / 1_000_000:.1f} MB.",
            title="Not added",
        )

    async def library_for_space(self, space: str) -> Library:
        """The library `space` uses (made on first use)."""
        community = await self.communities.of_space(space)
        if community is None:
            raise LibraryError("a direct message has no library")
        return self._library(community)

    async def suggest(
        self, space: str, kind: ArgKind, typed: str, limit: int
    ) -> list[tuple[str, str]]:
        """Autocomplete choices (shown name, value) for an article or speaker argument."""
        community = await self.communities.of_space(space)
        if community is None:
            return []
        library = self._library(community)
        if kind is ArgKind.ARTICLE:
            rows = await library.titles(typed.lstrip("#"), limit)
            return [(f"{library.ref(row)} {row.title}", library.ref(row)) for row in rows]
        return [(name, name) for name in await library.speakers(typed, limit)]

    async def handle(self, request: Request) -> Reply | None:
        """Answer one request. None means: say nothing (not a command, or a muted flood)."""
        try:
            community = await self.communities.of_space(request.space)
        except StoreError as err:
            return _store_failure(err, "reading the community")
        prefix = community.settings.prefix if community else self.settings.prefix
        try:
            invocation: Invocation | UsageError | None = self.parse(request, prefix)
        except UsageError as err:
            invocation = err
        if invocation is None:
            return None
        role = self.role_of(request)
        if role is not Role.OPERATOR:
            key = f"{community.id if community else 'dm'}:{request.user_id}"
            verdict = self.cooldown.check(key)
            if verdict is Verdict.DROP:
                return None
            if verdict is Verdict.WARN:
                wait = self.cooldown.retry_after(key)
                return Reply.error(
                    f"You're sending commands too fast; try again in {wait:.0f} s.",
                    title="Slow down",
                )
        if isinstance(invocation, UsageError):
            title = "Unknown command" if invocation.command is None else "Usage"
            return Reply.error(str(invocation), title=title)
        command = invocation.command
        library = self._library(community) if community else None
        if not role.allows(command.role):
            log.warning(
                "refused %s to %s %s (%s) in %s",
                command.name,
                role.value,
                request.display_name,
                request.user_id,
                request.place,
            )
            if library is not None:
                await self._log_refusal(library, request, command)
            who = "operators" if command.role is Role.OPERATOR else "moderators"
            return Reply.error(f"`{prefix}{command.name}` is for {who} only.", title="Not allowed")
        if community is None and command.name not in WITHOUT_COMMUNITY:
            return Reply.error(
                "Each server or room has its own library, and a direct message has none. "
                f"Use `{prefix}{command.name}` in a server or room where I am.",
                title="No library here",
            )
        started = time.perf_counter()
        try:
            reply = await command.handler(
                self._context(request, role, community, library), invocation.args
            )
        except StoreError as err:
            return _store_failure(err, f"command {command.name}")
        except Exception:
            return _failure(command.name)
        log.info(
            "%s by %s in %s (%s): %s (%.0f ms)",
            command.name,
            request.user_id,
            request.place,
            community.name if community else "no community",
            reply.kind.value,
            (time.perf_counter() - started) * 1000,
        )
        if command.name != "next":
            self.pager.remember(request, reply)
        return reply

    def _context(
        self, request: Request, role: Role, community: Community | None, library: Library | None
    ) -> Context:
        if community is None or library is None:  # `help` in a direct message
            community = Community(0, "", CommunitySettings.of({}, self.settings), (0,), {0: ""})
            library = Library(self.store.library(Scope.own(0)), community)
        admin = CommunityAdmin(
            self.store, self.communities, self._directories, community, library, request, role
        )
        return Context(
            request=request,
            role=role,
            library=library,
            community=community,
            settings=self.settings,
            commands=self.commands,
            pager=self.pager,
            admin=admin,
            fetch_gate=self.fetch_gate,
        )

    async def _log_refusal(self, library: Library, request: Request, command: Command) -> None:
        try:
            await library.log(
                f"{request.display_name} ({request.user_id})",
                request.place,
                "refused",
                command.name,
                request.text[:200],
            )
        except Exception:
            log.exception("could not write the refusal to the audit log")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _failure(what: str) -> Reply:
    """Log the exception being handled; the user gets a reference to quote."""
    reference = secrets.token_hex(4)
    log.exception("%s failed (ref %s)", what, reference)
    return Reply.error(
        f"Something went wrong on our side; nothing was changed. Reference: {reference}.",
        title="Error",
    )


def _store_failure(err: StoreError, what: str) -> Reply:
    if isinstance(err, DiskFull):
        log.error("%s failed, the library's disk is full: %s", what, err)
        return Reply.error(
            "The library's disk is full, so nothing new can be stored; nothing was changed "
            "and everything already stored is safe. Please tell the bot's operator.",
            title="Disk full",
        )
    if isinstance(err, StoreUnavailable):
        log.error("%s failed, the library cannot be reached: %s", what, err)
        return Reply.error(
            "The library cannot be reached right now; nothing was changed. Please try again "
            "in a minute.",
            title="Library unavailable",
        )
    return _failure(what)
