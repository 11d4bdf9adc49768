"""The one back-off rule of every retry loop: doubling, jittered, capped, retry-after honoured."""

from __future__ import annotations

import random

from bot.backoff import Backoff, backoff_delay


def test_backoff_grows_with_jitter_to_a_cap_and_honours_retry_after() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(6)]
    assert all(0.5 * min(8, 2**n) <= d <= min(8, 2**n) for n, d in enumerate(delays))
    assert backoff.next_delay(retry_after=30.0) == 30.0
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_a_fresh_copy_starts_over_with_the_same_schedule() -> None:
    used = Backoff(base=2.0, cap=5.0, rng=random.Random(3))
    for _ in range(4):
        used.next_delay()
    fresh = used.fresh()
    assert (fresh.base, fresh.cap, fresh.failures) == (2.0, 5.0, 0)
    assert 1.0 <= fresh.next_delay() <= 2.0
    assert used.failures == 4


def test_jitter_spreads_clients_and_never_drops_below_half() -> None:
    rng = random.Random(5)
    delays = [backoff_delay(3, 1.0, 60.0, rng) for _ in range(200)]
    assert all(4.0 <= d <= 8.0 for d in delays)
    assert max(delays) - min(delays) > 2.0  # not in lockstep
    assert backoff_delay(10_000, 1.0, 60.0, rng) <= 60.0  # a long outage does not overflow
