"""Progress of `articlebot ingest`: plain lines every few seconds when not on a terminal."""

from __future__ import annotations

import io

from adapters.progress import LINE_EVERY_SECONDS, progress_reporter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_lines_come_every_few_seconds_and_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    with progress_reporter("ingesting", stream=out, clock=clock) as progress:
        for done in range(1, 101):
            clock.now += LINE_EVERY_SECONDS / 20  # five lines' worth over the run
            progress(done, 100)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "ingesting: 100/100"
    assert 4 <= len(lines) <= 6
    assert all(line.startswith("ingesting: ") for line in lines)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar() -> None:
    out = Terminal()
    with progress_reporter("ingesting", stream=out) as progress:
        for done in range(1, 11):
            progress(done, 10)
    assert "10/10" in out.getvalue() and "ingesting" in out.getvalue()
