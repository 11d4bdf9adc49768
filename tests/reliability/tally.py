"""Counting what the reliability suites tried and what survived, per attack or fault.

Every test in `tests/reliability` is marked `@pytest.mark.attack("<name>")`. A test that tries
many cases (hypothesis examples, kills, hostile files in a loop) counts each with `case()`;
a test that records none counts as one case, passed when the test passed. The totals are
written as JSON at the end of the session when `ARTICLEBOT_RELIABILITY_OUT` names a file
(`tests/reliability/report.py` sets it and builds the table in `docs/reliability.md`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Count:
    tried: int = 0
    passed: int = 0
    tests: set[str] = field(default_factory=set)
    failed_tests: set[str] = field(default_factory=set)
    open: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, Count] = {}
        self.attack: str | None = None  # the attack of the test running now
        self.test: str | None = None
        self.explicit: set[str] = set()  # tests that counted their own cases

    def _count(self, attack: str) -> Count:
        return self.counts.setdefault(attack, Count())

    def add(self, tried: int, passed: int, attack: str | None = None) -> None:
        name = attack or self.attack
        assert name is not None, "mark the test with @pytest.mark.attack(...)"
        count = self._count(name)
        count.tried += tried
        count.passed += passed
        if self.test:
            self.explicit.add(self.test)

    @contextmanager
    def case(self) -> Iterator[None]:
        """One case: tried now, passed if the block ends without an exception."""
        self.add(1, 0)
        yield
        self.add(0, 1)

    def note(self, text: str) -> None:
        """A figure worth printing in the report (e.g. a p99 latency)."""
        assert self.attack is not None
        self._count(self.attack).notes.append(text)
        print(text)

    def finish_test(self, attack: str, nodeid: str, outcome: str, reason: str = "") -> None:
        count = self._count(attack)
        count.tests.add(nodeid)
        if outcome == "xfailed":
            count.open.append(reason or nodeid)
        if nodeid not in self.explicit and outcome in ("passed", "failed", "xfailed"):
            count.tried += 1
            count.passed += outcome == "passed"
        elif outcome == "failed":
            count.tried += 1  # the check that failed after the counted cases
        if outcome == "failed":
            count.failed_tests.add(nodeid)

    def dump(self, path: Path) -> None:
        data = {
            name: {
                "tried": c.tried,
                "passed": c.passed,
                "tests": len(c.tests),
                "failed_tests": sorted(c.failed_tests),
                "open": c.open,
                "notes": c.notes,
            }
            for name, c in sorted(self.counts.items())
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


TALLY = Tally()


def case() -> AbstractContextManager[None]:
    """One counted case of the running test's attack (see `Tally.case`)."""
    return TALLY.case()
