"""Direct quotations in an article, each with the full name of its speaker where known.

Steps: find double-quoted segments (`quote_marks`), attribute each from the speech verb around
it (`attribution`), let unattributed segments inherit the speaker of the quotation they continue
(same paragraph, or the paragraph before when a long quotation runs on), resolve pronouns and
surnames to full names (`names`), drop scare quotes and titles, and add unmarked block
quotations introduced by a paragraph such as "As X said last week:".
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from bot.nlp.attribution import has_speech_verb, speaker_after, speaker_before
from bot.nlp.names import PRONOUNS, NameBook, find_names
from bot.nlp.quote_marks import Segment, find_segments, paragraph_spans
from bot.nlp.sentences import split_sentences


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str


@dataclass
class _Draft:
    segment: Segment
    mention: str | None  # speaker as written next to the quotation
    speaker: str = ""


_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?,;:…—–-]\W*$")
_MIN_UNATTRIBUTED_WORDS = 4


def extract_quotations(text: str) -> list[Quote]:
    """Direct quotations in `text`; `text[q.start:q.end] == q.text` (inner text, no marks)."""
    segments = find_segments(text)
    book = NameBook()
    book.add_from_text(text)
    names = find_names(text)
    name_positions = [pos for pos, _ in names]
    sentence_starts = [start for start, _ in split_sentences(text)]

    drafts = [_attribute(text, segments, i, sentence_starts) for i in range(len(segments))]
    last_speaker = ""
    for draft in drafts:  # attributed segments first, pronouns from the speaker before them
        if draft.mention:
            draft.speaker = _resolve(
                draft.mention, book, last_speaker, names, name_positions, draft.segment
            )
            last_speaker = draft.speaker
    quotes: list[Quote] = []
    previous: _Draft | None = None
    for i, draft in enumerate(drafts):
        if not draft.mention:
            draft.speaker = _inherit(drafts, i, previous, text)
        if not _is_quotation(text, draft):
            continue
        previous = draft
        seg = draft.segment
        quotes.append(Quote(seg.start, seg.end, text[seg.start : seg.end], draft.speaker))
    quotes.extend(_block_quotations(text, segments, book))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _attribute(text: str, segments: list[Segment], i: int, sentence_starts: list[int]) -> _Draft:
    seg = segments[i]
    nxt = segments[i + 1] if i + 1 < len(segments) else None
    prev = segments[i - 1] if i > 0 else None
    mention = None
    if seg.close_mark is not None:
        limit = nxt.open_mark if nxt and nxt.para_start == seg.para_start else seg.para_end
        mention = speaker_after(text, seg.close_mark + 1, limit)
    if mention is None:
        k = bisect.bisect_right(sentence_starts, seg.open_mark) - 1
        start = max(sentence_starts[k] if k >= 0 else 0, seg.para_start)
        if prev and prev.para_start == seg.para_start and prev.close_mark is not None:
            start = max(start, prev.close_mark + 1)
        mention = speaker_before(text, start, seg.open_mark)
    if mention is None and seg.open_mark == seg.para_start:
        mention = _colon_intro_speaker(text, seg.para_start)
    return _Draft(seg, mention)


def _colon_intro_speaker(text: str, para_start: int) -> str | None:
    """Speaker named in the previous paragraph when it ends with a colon ("X said:")."""
    end = para_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end <= 0 or text[end - 1] != ":":
        return None
    start = text.rfind("\n", 0, end) + 1
    sentences = split_sentences(text[start:end])
    if sentences:
        start += sentences[-1][0]
    return speaker_before(text, start, end)


def _resolve(
    mention: str,
    book: NameBook,
    last_speaker: str,
    names: list[tuple[int, str]],
    name_positions: list[int],
    seg: Segment,
) -> str:
    if mention.lower() not in PRONOUNS:
        return book.resolve(mention) if mention[:1].isupper() else mention
    if last_speaker:
        return last_speaker
    # No speaker yet: the nearest earlier name that looks like a person's (two words or known).
    k = bisect.bisect_left(name_positions, seg.open_mark) - 1
    while k >= 0:
        full = book.resolve(names[k][1])
        if len(full.split()) >= 2:
            return full
        k -= 1
    return mention


def _inherit(drafts: list[_Draft], i: int, previous: _Draft | None, text: str) -> str:
    """Speaker of an unattributed segment, taken from the quotation it continues."""
    seg = drafts[i].segment
    for j in range(i - 1, -1, -1):
        other = drafts[j]
        if other.segment.para_start != seg.para_start:
            break
        if other.speaker:
            return other.speaker
    for j in range(i + 1, len(drafts)):
        other = drafts[j]
        if other.segment.para_start != seg.para_start:
            break
        if other.mention:
            return other.speaker
    if previous is not None and seg.open_mark == seg.para_start:
        between = text[previous.segment.para_end : seg.para_start]
        if not between.strip():  # the next paragraph: a long quotation runs on
            return previous.speaker
    return ""


def _is_quotation(text: str, draft: _Draft) -> bool:
    """Attributed quotations stay; unattributed short segments are scare quotes or titles."""
    seg = draft.segment
    if draft.mention:
        return True
    words = len(_WORD.findall(text, seg.start, seg.end))
    if draft.speaker:
        return words >= _MIN_UNATTRIBUTED_WORDS or bool(
            _SENTENCE_END.search(text, seg.start, seg.end)
        )
    return words >= 8 and has_speech_verb(text, seg.para_start, seg.para_end)


def _block_quotations(text: str, segments: list[Segment], book: NameBook) -> list[Quote]:
    """Unmarked paragraphs introduced by a paragraph ending in "X said:" or "As X put it:"."""
    found = []
    marked = {seg.para_start for seg in segments}
    paragraphs = paragraph_spans(text)
    for (_, intro_end), (start, end) in itertools.pairwise(paragraphs):
        if text[intro_end - 1] != ":" or start in marked:
            continue
        mention = _colon_intro_speaker(text, start)
        if mention and mention.lower() not in PRONOUNS:
            found.append(Quote(start, end, text[start:end], book.resolve(mention)))
    return found
