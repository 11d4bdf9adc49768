"""Find double-quoted segments in text, paragraph by paragraph.

Curly marks say which way they face; straight marks (") are decided by their neighbours. A
segment left open at the end of its paragraph ends there: news style repeats the opening mark
on each paragraph of a long quotation and closes only the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"[\"“”„«»「」『』]")
_OPENING = frozenset("“„«「『")
_CLOSING = frozenset("”»」』")
# The marks that close a segment opened by each mark, whatever way they seem to face:
# German „…“ and »…«, French and others «…», CJK 「…」 and 『…』.
_CLOSES = {"„": "“”", "»": "«", "«": "»", "「": "」", "『": "』"}


@dataclass(frozen=True)
class Segment:
    """A quoted stretch: `start`/`end` delimit the trimmed inner text; `closed` is False for a
    segment that runs to the end of its paragraph; `para_start`/`para_end` bound the paragraph."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    para_start: int
    para_end: int

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of `text` as (start, end) spans; each line is one paragraph."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def _faces_open(text: str, i: int, para_start: int, para_end: int) -> bool | None:
    """True for an opening mark, False for a closing one, None when the context cannot tell."""
    mark = text[i]
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < para_end else " "
    space_before = before.isspace() or before in "([{—–-/"
    space_after = after.isspace() or after in ".,;:!?)]}—–-"
    if mark in _OPENING:
        # A left-facing mark glued to the end of a clause ("It's unusual,“ said") closes it.
        return not (mark == "“" and before in ",.!?" and space_after)
    if mark in _CLOSING:
        # A right-facing mark that sits before a word is a misused opening mark.
        return space_before and not space_after
    if space_before and not space_after:
        return True
    if space_after and not space_before:
        return False
    return None


def find_segments(text: str) -> list[Segment]:
    """All double-quoted segments with non-empty inner text, in text order."""
    segments: list[Segment] = []
    for para_start, para_end in paragraph_spans(text):
        open_at: int | None = None
        for match in _MARK.finditer(text, para_start, para_end):
            i = match.start()
            facing = _faces_open(text, i, para_start, para_end)
            if open_at is None:
                if facing is not False:
                    open_at = i
            elif (
                facing is not True
                or text[i] == text[open_at] == '"'
                or text[i] in _CLOSES.get(text[open_at], "")
            ):
                _add(text, open_at, i, para_start, para_end, segments)
                open_at = None
        if open_at is not None:
            _add(text, open_at, None, para_start, para_end, segments)
    return segments


def _add(
    text: str,
    open_at: int,
    close_at: int | None,
    para_start: int,
    para_end: int,
    segments: list[Segment],
) -> None:
    start = open_at + 1
    end = para_end if close_at is None else close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        segments.append(Segment(start, end, open_at, close_at, para_start, para_end))
