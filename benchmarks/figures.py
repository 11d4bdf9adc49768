"""A measured figure beside its baseline, and the statistics behind it."""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(samples: list[float], pct: float) -> float:
    """The nearest-rank percentile (p99 of 200 samples is the 2nd largest)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Latency:
    """Milliseconds: median, p99 and max of a set of timings."""

    p50: float
    p99: float
    max: float
    n: int

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        ms = [s * 1000 for s in seconds]
        return cls(statistics.median(ms), percentile(ms, 99), max(ms), len(ms))


@dataclass
class Figure:
    """One line of the report: what was measured, how fast, against what floor.

    `kind` is "latency" (value is a `Latency` in ms, lower is better), "rate" (items per
    second, higher is better) or "amount" (a size or a time, lower is better). The ratio is the
    figure over its baseline for latencies and amounts, the baseline over the figure for rates,
    so above 1 always means "slower or bigger than the floor".
    """

    name: str
    size: int
    kind: str
    value: Latency | float
    unit: str
    baseline: Latency | float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        value = self.value.p50 if isinstance(self.value, Latency) else self.value
        base = self.baseline.p50 if isinstance(self.baseline, Latency) else self.baseline
        if self.kind == "rate":
            return base / value if value else None
        return value / base if base else None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data
