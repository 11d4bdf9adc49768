"""Exponential back-off with jitter, a cap, and respect for a server's retry-after.

One rule for every retry loop of the bot (the Matrix sync and send loops, the Discord connection,
the feed poller): after the n-th failure in a row (counting from 0) wait between half and all of
`min(cap, base * 2**n)`, and never less than the server asked for. The jitter keeps many clients
(or many rooms' retries) from hammering a recovering server in lockstep; the lower half-bound
keeps the delay growing.
"""

from __future__ import annotations

import random


def backoff_delay(
    failures: int,
    base: float,
    cap: float,
    rng: random.Random,
    retry_after: float | None = None,
) -> float:
    """Seconds to wait after `failures` earlier failures in a row (0 for the first one)."""
    ceiling = min(cap, base * 2 ** min(failures, 64))  # 2**64 * base is past any cap
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after:
        delay = max(delay, retry_after)
    return delay


class Backoff:
    """Delays for consecutive failures of one loop; `reset()` once it succeeds again."""

    def __init__(
        self, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None
    ) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self, retry_after: float | None = None) -> float:
        """Seconds to wait before the next attempt; never less than `retry_after` seconds."""
        delay = backoff_delay(self.failures, self.base, self.cap, self._rng, retry_after)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0

    def fresh(self) -> Backoff:
        """A back-off with the same schedule and no failures yet (and its own jitter)."""
        return Backoff(self.base, self.cap, random.Random(self._rng.random()))
