"""A fair share of the web fetcher: one community (or one person) cannot keep it busy for all.

Each fetch a command asks for (`add <url>`, `feed add`) takes a token from the person's bucket
and from the community's; a burst beyond either is refused with the time to wait, and at most a
few fetches of one community run at once, so a flood of links from one server never delays the
links of another.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

WINDOW_SECONDS = 60.0
PER_USER = 6  # fetches a minute for one person
PER_COMMUNITY = 20  # fetches a minute for a whole community
AT_ONCE = 2  # fetches of one community running at the same time
MAX_TRACKED = 10_000


class FetchGate:
    def __init__(
        self,
        per_user: int = PER_USER,
        per_community: int = PER_COMMUNITY,
        at_once: int = AT_ONCE,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limits = {"user": per_user, "community": per_community}
        self._window = window
        self._clock = clock
        self._at_once = at_once
        self._recent: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._running: dict[int, asyncio.Semaphore] = {}

    def take(self, community: int, user: str) -> float:
        """Count one fetch; 0 when it may go ahead, else the seconds until it may."""
        now = self._clock()
        keys = (("user", f"{community}:{user}"), ("community", str(community)))
        waits = []
        for key in keys:
            recent = self._recent[key]
            while recent and now - recent[0] >= self._window:
                recent.popleft()
            if len(recent) >= self._limits[key[0]]:
                waits.append(self._window - (now - recent[0]))
        if waits:
            return max(waits)
        for key in keys:
            self._recent[key].append(now)
        if len(self._recent) > MAX_TRACKED:
            self._forget_idle(now)
        return 0.0

    @asynccontextmanager
    async def slot(self, community: int) -> AsyncIterator[None]:
        """Hold one of the community's few concurrent fetches for the block."""
        semaphore = self._running.setdefault(community, asyncio.Semaphore(self._at_once))
        async with semaphore:
            yield

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, q in self._recent.items() if not q or now - q[-1] >= self._window]:
            del self._recent[key]
