"""Exponential backoff with jitter, honouring the server's `retry_after_ms`."""

from __future__ import annotations

import random


class Backoff:
    """Delays for consecutive failures: between half and all of min(cap, base * 2**n).

    The jitter keeps many bots (or many rooms' retries) from hammering a recovering homeserver
    in lockstep; the lower half-bound keeps the delay growing.
    """

    def __init__(self, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None):
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self, retry_after_ms: int | None = None) -> float:
        """Seconds to wait before the next attempt; never less than the server asked for."""
        ceiling = min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        delay = self._rng.uniform(ceiling / 2, ceiling)
        if retry_after_ms:
            delay = max(delay, retry_after_ms / 1000)
        return delay

    def reset(self) -> None:
        self.failures = 0
