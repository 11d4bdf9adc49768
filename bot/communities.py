"""Communities as the core sees them: whose library a request reads, with what settings.

A community owns a library. A Discord guild, a Matrix room and a console name are "spaces";
each uses one community's library (a new community per space by default; moderators may join
spaces into one). Direct messages belong to no community.

Settings a community may change are declared once here (`SETTINGS`); the `settings` command,
its help and validation all come from these declarations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.config import Settings, valid_prefix
from storage import CommunityRow, Store

CACHE_SECONDS = 10.0  # how long a process trusts what it read of a community (several processes
# share one PostgreSQL library: a link or a setting made elsewhere is seen within this time)
CONSOLE = "console"


class SettingError(ValueError):
    """A value a setting cannot take; the message says which values it can."""


def _prefix(value: str) -> str:
    if not valid_prefix(value):
        raise SettingError("the prefix is 1 to 3 punctuation characters, e.g. `!` or `?`")
    return value


def _whole(low: int, high: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not value.isdecimal() or not low <= int(value) <= high:
            raise SettingError(f"give a whole number from {low} to {high}")
        return str(int(value))

    return parse


EXTRACTIVE = "extractive"
LLM = "llm"
SUMMARY_ENGINES = (EXTRACTIVE, LLM)


def _summary_engine(value: str) -> str:
    if value.lower() not in SUMMARY_ENGINES:
        raise SettingError(f"choose {' or '.join(SUMMARY_ENGINES)}")
    return value.lower()


def _role(value: str) -> str:
    if len(value) > 100:
        raise SettingError("a role name is at most 100 characters")
    return value


@dataclass(frozen=True)
class SettingSpec:
    name: str
    help: str
    example: str
    parse: Callable[[str], str]
    platform: str = ""  # only meaningful there (empty: everywhere)


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("prefix", "what commands start with", "prefix ?", _prefix),
    SettingSpec("page-size", "results per page (1 to 20)", "page-size 8", _whole(1, 20)),
    SettingSpec(
        "summary-engine",
        "extractive (the article's own sentences, the default) or llm (written by the "
        "operator's language model, every sentence citing the article; needs ARTICLEBOT_LLM_URL)",
        "summary-engine llm",
        _summary_engine,
    ),
    SettingSpec(
        "moderator-role",
        "a Discord role whose members moderate this library (besides Manage Server)",
        "moderator-role Librarians",
        _role,
        platform="discord",
    ),
    SettingSpec(
        "moderator-level",
        "the Matrix power level from which people moderate this library",
        "moderator-level 75",
        _whole(0, 1_000_000),
        platform="matrix",
    ),
)
SETTING_NAMES = tuple(spec.name for spec in SETTINGS)


def setting(name: str) -> SettingSpec | None:
    return next((spec for spec in SETTINGS if spec.name == name), None)


@dataclass(frozen=True)
class CommunitySettings:
    """Effective settings: the community's own where set, else the bot's configuration."""

    prefix: str
    page_size: int
    moderator_role: str = ""  # empty: the adapter's configured default
    moderator_level: int | None = None  # None: the adapter's configured default
    summary_engine: str = EXTRACTIVE
    stored: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, stored: Mapping[str, str], defaults: Settings) -> CommunitySettings:
        level = stored.get("moderator-level")
        return cls(
            prefix=stored.get("prefix", defaults.prefix),
            page_size=int(stored.get("page-size", defaults.page_size)),
            moderator_role=stored.get("moderator-role", ""),
            moderator_level=int(level) if level is not None else None,
            summary_engine=stored.get("summary-engine", EXTRACTIVE),
            stored=dict(stored),
        )


@dataclass(frozen=True)
class Community:
    id: int
    name: str
    settings: CommunitySettings
    readable: tuple[int, ...]  # itself first, then the libraries it follows
    names: Mapping[int, str]  # the name of each readable community


class Communities:
    """Finds the community of a space, with a short cache (one query per space per 10 s)."""

    def __init__(
        self, store: Store, defaults: Settings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._store = store
        self._defaults = defaults
        self._clock = clock
        self._cache: dict[str, tuple[float, Community]] = {}

    async def of_space(self, space: str) -> Community | None:
        """The community whose library `space` uses; None for a direct message."""
        if not space:
            return None
        cached = self._cache.get(space)
        now = self._clock()
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1]
        community = await self._load(space)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[space] = (now, community)
        return community

    async def _load(self, space: str) -> Community:
        platform, _, name = space.partition(":")
        communities = self._store.communities
        row = None
        if platform == CONSOLE:  # the console and the command line name communities directly
            row = await communities.named(name)
        if row is None:
            row = await communities.for_space(space, name if platform == CONSOLE else "")
        return await self._build(row)

    async def of_id(self, community_id: int) -> Community | None:
        """A community by the store's key (the feed poller's), uncached; None if purged."""
        row = await self._store.communities.get(community_id)
        return await self._build(row) if row else None

    async def _build(self, row: CommunityRow) -> Community:
        communities = self._store.communities
        stored = await communities.settings(row.id)
        readable = await communities.readable(row.id)
        names = {row.id: row.name}
        for other in readable[1:]:
            found = await communities.get(other)
            if found is not None:
                names[other] = found.name
        return Community(
            id=row.id,
            name=row.name,
            settings=CommunitySettings.of(stored, self._defaults),
            readable=tuple(c for c in readable if c in names),
            names=names,
        )

    def forget(self, community_id: int | None = None) -> None:
        """Drop what is cached (of one community, or all) after this process changed it."""
        if community_id is None:
            self._cache.clear()
            return
        for space in [s for s, (_, c) in self._cache.items() if community_id in c.readable]:
            del self._cache[space]
