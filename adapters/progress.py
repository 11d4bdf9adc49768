"""Progress of a long command line job: a bar on a terminal, a line every few seconds if not."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

LINE_EVERY_SECONDS = 10.0


@contextmanager
def progress_reporter(
    what: str, stream: TextIO = sys.stderr, clock: Callable[[], float] = time.monotonic
) -> Iterator[Callable[[int, int], None]]:
    """A `(done, total)` callback showing progress on `stream` while the block runs."""
    if stream.isatty():
        bar: tqdm | None = None

        def show_bar(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, desc=what, unit="file", file=stream)
            bar.update(done - bar.n)

        try:
            yield show_bar
        finally:
            if bar is not None:
                bar.close()
        return
    last = clock()

    def show_line(done: int, total: int) -> None:
        nonlocal last
        now = clock()
        if done == total or now - last >= LINE_EVERY_SECONDS:
            last = now
            stream.write(f"{what}: {done}/{total}\n")
            stream.flush()

    yield show_line
