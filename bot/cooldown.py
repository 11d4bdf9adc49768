"""A per-user cooldown: at most N commands in T seconds, with one friendly notice per burst."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

MAX_USERS = 10_000


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # over the limit: tell the user once
    DROP = "drop"  # over the limit and already told


class Cooldown:
    def __init__(
        self, commands: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.commands = commands
        self.seconds = seconds
        self._clock = clock
        self._recent: dict[str, deque[float]] = {}
        self._warned: dict[str, float] = {}

    def check(self, user: str) -> Verdict:
        now = self._clock()
        recent = self._recent.setdefault(user, deque())
        while recent and now - recent[0] >= self.seconds:
            recent.popleft()
        if len(recent) < self.commands:
            recent.append(now)
            self._warned.pop(user, None)
            self._forget_idle(now)
            return Verdict.ALLOW
        if user in self._warned:
            return Verdict.DROP
        self._warned[user] = now
        return Verdict.WARN

    def retry_after(self, user: str) -> float:
        recent = self._recent.get(user)
        if not recent:
            return 0.0
        return max(0.0, self.seconds - (self._clock() - recent[0]))

    def _forget_idle(self, now: float) -> None:
        if len(self._recent) <= MAX_USERS:
            return
        for user in [u for u, q in self._recent.items() if not q or now - q[-1] >= self.seconds]:
            del self._recent[user]
