"""Extractive summaries: a few of the article's opening sentences that cover the most of what
the whole article keeps talking about, kept in article order.

Selection is greedy: each pick maximises a lead prior (news puts the gist first) plus the weight
of the content words it adds that recur elsewhere in the article (log frequency, so one repeated
name does not dominate). Candidates are the first few sentences only; boilerplate, photo
captions and credits, bylines, list items, headline lines, sentences repeating the title and
sentences with an unpaired quotation mark never qualify. In Chinese and Japanese, where words
are not spaced, character pairs stand for words. Pure Python, no model data.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.nlp.language import is_unspaced, terms, words
from bot.nlp.sentences import split_sentences
from bot.nlp.wordlists import word_set

SHORT_MAX_CHARS = 300
LENGTHS = {"short": 1, "medium": 3, "long": 7}

# Candidates per summary length: the opening sentences, a little more than the length wanted.
_WINDOW = {"short": 3, "medium": 5, "long": 12}
_COVERAGE_WEIGHT = 4.0  # against a lead prior of 1 / position
_MAX_LATE_WORDS = 40  # sentences after the lead longer than this are usually caption run-ons
_MIN_WORDS = 3
_QUOTE_OPENERS = '“"‘«„»「『'
# Double quotation marks of every convention; an odd number of them before a point of a
# paragraph puts that point inside a quotation.
_QUOTE_MARKS = '“”„«»「」『』"'
_ENDS_SENTENCE = ".!?\"”'’)»。！？」』"
_TITLE_OVERLAP = 0.8  # share of words in common with the title that makes a sentence a repeat
_BYLINE_MAX_WORDS = 12
_MAX_CANDIDATES = max(_WINDOW.values())

# Searched in the lower-cased text; a sentence containing a match is never chosen.
_BOILERPLATE = re.compile(
    r"subscribe|newsletter|cookies?\b|click here|sign up|scroll down|read more|follow us|"
    r"all rights reserved|copyright|getty images|\bphoto(?:graph)?:|image (?:copyright|caption)|"
    r"\b(?:foto|фото|bild|image|picture|credit|crédit|crédito)s?\s?:|/\s?(?:afp|reuters|ap|dpa)\b|"
    r"interactive (?:video|graphic) may not|media playback is|share this (?:article|story)|"
    r"^[ \t]*(?:by|published|updated|last updated)\b[: ]",
    re.MULTILINE,
)
_CAPTION = re.compile(
    r"\bpictured\b|\((?:left|right|centre|center|above|below|inset|top|bottom)\b[^)]*\)",
    re.IGNORECASE,
)
# Inline clutter removed from chosen sentences: share widgets, time stamps, news-agency
# datelines and short parenthetical asides such as "(pictured)" or "(R-Texas)".
_SHARE_WIDGET = re.compile(
    r"Share this with(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Linked[Ii]n|"
    r"Copy this link)+"
)
_TIME_STAMP = re.compile(r"^\d{1,2} \w+ \d{4} Last updated at \d\d:\d\d \w+")
# A line naming the author: "By Jane Smith", "Von Maria Schneider", "Par Antoine Dubois".
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af|от|автор|текст)\b[:\s]+\w", re.IGNORECASE)
# A list item: "- New tasks", "• Two", "* Three", "1) Four".
_BULLET = re.compile(r"^(?:[-*+•·▪●◦‣–—]|\d{1,2}[.)])\s")
_AGENCY_DATELINE = re.compile(
    r"^(?:[A-Z][\w ,.]*\s)?\((?:CNN|AP|Reuters|AFP|UPI)\)\s*(?:--|—|-)?\s*"
)
_ASIDE = re.compile(r"\s*\([^()]{0,80}\)")
_STOPWORDS = word_set(
    """
    a an the and or but if of to in on at for with by from as is are was were be been being it
    its this that these those he she they we i you his her their our my your him them us me not
    no so than then there here which who whom whose what when where why how all any both each few
    more most other some such only own same too very can will just should now also into over
    after before about up down out off again further once do does did doing have has had having
    would could may might must said says say mr mrs ms one two new
    """
)


@dataclass(frozen=True)
class _Sentence:
    position: int
    text: str
    words: frozenset[str]
    word_count: int
    choosable: bool = True


def summarize(text: str, title: str = "") -> dict[str, str]:
    """Short (one sentence, <= 300 chars), medium (3) and long (about 7 sentences) summaries."""
    sentences = _sentences(text, title)
    weights = _word_weights(sentences)
    short = _pick(sentences, weights, 1, _WINDOW["short"], max_chars=SHORT_MAX_CHARS)
    first = next((s for s in sentences if s.choosable), None)
    if not short and first is not None:
        short = [_truncate(first.text, SHORT_MAX_CHARS)]
    return {
        "short": " ".join(short),
        "medium": " ".join(_pick(sentences, weights, LENGTHS["medium"], _WINDOW["medium"])),
        "long": " ".join(_pick(sentences, weights, LENGTHS["long"], _WINDOW["long"])),
    }


def _sentences(text: str, title: str) -> list[_Sentence]:
    """The article's prose sentences, without boilerplate, bylines, list items, headline lines
    and repeats of the title. Only the opening ones (the candidates) are cleaned and checked
    for unpaired quotation marks; the rest just give their words to the weights."""
    found: list[_Sentence] = []
    headline = _headline_end(text, title)
    title_terms = frozenset(terms(title.lower()))
    boilerplate = [m.start() for m in _BOILERPLATE.finditer(text.lower())]
    for start, end in split_sentences(text):
        if end <= headline:
            continue
        k = bisect.bisect_left(boilerplate, start)
        if k < len(boilerplate) and boilerplate[k] < end:
            continue
        sentence = text[start:end]
        candidate = len(found) < _MAX_CANDIDATES
        if candidate:
            if _is_list_item_or_byline(text, start, sentence):
                continue
            sentence = _clean(sentence)
        word_count = _size_in_words(sentence)
        if word_count < _MIN_WORDS:
            continue
        content = frozenset(terms(sentence.lower())) - _STOPWORDS
        # Still counted for the words the article keeps talking about, never chosen.
        unfit = candidate and (
            _splits_a_quotation(text, start, end) or _repeats_title(content, title_terms)
        )
        found.append(_Sentence(len(found), sentence, content, word_count, not unfit))
    return found


def _size_in_words(sentence: str) -> int:
    """Words in a sentence; in unspaced scripts two characters make about one word."""
    if is_unspaced(sentence):
        return len(words(sentence)) // 2
    return sentence.count(" ") + 1


def _is_list_item_or_byline(text: str, start: int, sentence: str) -> bool:
    """A sentence opening a line as a list item, or a short line naming the author."""
    if start > 0 and text[start - 1] != "\n":
        return False
    if _BULLET.match(sentence):
        return True
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    return bool(_BYLINE.match(line)) and len(line.split()) <= _BYLINE_MAX_WORDS


def _splits_a_quotation(text: str, start: int, end: int) -> bool:
    """The sentence opens or ends inside a quotation of several sentences: alone, it would
    leave a quotation mark dangling, or pass the speaker's words off as the article's."""
    paragraph = text.rfind("\n", 0, start) + 1
    before = sum(text.count(mark, paragraph, start) for mark in _QUOTE_MARKS)
    inside = sum(text.count(mark, start, end) for mark in _QUOTE_MARKS)
    return before % 2 == 1 or inside % 2 == 1


def _repeats_title(content: frozenset[str], title_terms: frozenset[str]) -> bool:
    """The sentence says what the title says: most of its words are the title's, and most
    of the title's words are in it."""
    if not content or not title_terms:
        return False
    shared = len(content & title_terms)
    return shared >= _TITLE_OVERLAP * len(content) and shared >= _TITLE_OVERLAP * len(
        title_terms - _STOPWORDS
    )


def _headline_end(text: str, title: str) -> int:
    """End of a headline line opening the text: the title, or a short unpunctuated first line."""
    first_line = text.lstrip().split("\n", 1)[0].strip()
    offset = text.find(first_line)
    if title and first_line.rstrip(".").strip() == title.rstrip(".").strip():
        return offset + len(first_line)
    is_paragraph = "\n" in text.strip()
    short = first_line and len(first_line) < 200
    if is_paragraph and short and first_line[-1] not in _ENDS_SENTENCE:
        return offset + len(first_line)
    return 0


def _clean(sentence: str) -> str:
    sentence = _SHARE_WIDGET.sub("", sentence)
    sentence = _TIME_STAMP.sub("", sentence)
    sentence = _AGENCY_DATELINE.sub("", sentence)
    return _ASIDE.sub("", sentence).strip()


def _word_weights(sentences: list[_Sentence]) -> dict[str, float]:
    """log(sentence frequency) of each content word found in at least two sentences."""
    counts = Counter(w for s in sentences for w in s.words)
    return {w: math.log(c) for w, c in counts.items() if c > 1}


def _pick(
    sentences: list[_Sentence],
    weights: dict[str, float],
    count: int,
    window: int,
    max_chars: int | None = None,
) -> list[str]:
    """Greedily choose `count` of the first `window` sentences that may be chosen; return them
    in article order."""
    candidates = [
        s
        for s in [s for s in sentences if s.choosable][: max(window, count)]
        if (max_chars is None or len(s.text) <= max_chars)
        and not (s.position >= count and _is_caption_like(s))
    ]
    total = sum(weights.values()) or 1.0
    covered: set[str] = set()
    chosen: list[_Sentence] = []
    for _ in range(min(count, len(candidates))):
        eligible = [s for s in candidates if s not in chosen and _reads_alone(s, chosen)]
        if not eligible:
            break
        best = max(
            eligible,
            key=lambda s: (
                1 / (s.position + 1)
                + _COVERAGE_WEIGHT * sum(weights.get(w, 0.0) for w in s.words - covered) / total
            ),
        )
        chosen.append(best)
        covered |= best.words
    return [s.text for s in sorted(chosen, key=lambda s: s.position)]


def _reads_alone(sentence: _Sentence, chosen: list[_Sentence]) -> bool:
    """A sentence that opens with a quotation mark needs the sentence before it (which says who
    is speaking), unless it opens the article."""
    if sentence.position == 0 or sentence.text[:1] not in _QUOTE_OPENERS:
        return True
    return any(c.position == sentence.position - 1 for c in chosen)


def _is_caption_like(sentence: _Sentence) -> bool:
    return sentence.word_count > _MAX_LATE_WORDS or bool(_CAPTION.search(sentence.text))


def _truncate(sentence: str, limit: int) -> str:
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
