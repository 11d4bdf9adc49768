"""Rule-based sentence splitting: character spans, robust to abbreviations, decimals and quotes.

A candidate boundary is terminal punctuation (. ! ? … or ...) followed by optional closing
quotes/brackets, whitespace, and something that can start a sentence (a capital, digit, opening
quote or bracket). Candidates after known abbreviations and initials are rejected; acronyms with
dots ("U.S.") end a sentence only when the next word is a typical sentence opener. Line breaks
end a sentence unless the next line continues in lower case (hard-wrapped text). Scraped text
that lost the space after a full stop ("in 2002.They made") is split there too.
"""

from __future__ import annotations

import re

from bot.nlp.wordlists import word_set

# Closing quote/bracket characters that may follow the terminal punctuation.
_CLOSERS = "\"'”’»)]"
# Characters that may open a sentence after the boundary.
_OPENERS = "\"'“‘«(\\["

_BOUNDARY = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>[" + re.escape(_CLOSERS) + r"]*)"
    r"(?P<space>[ \t\u00a0]+|[ \t]*\n\s*|(?<=[a-z0-9][.!?])(?=[A-Z][a-z]{2,}))"
    r"(?=[" + re.escape(_OPENERS) + r"]?\s?[A-Z0-9À-ÖØ-Þ\u0400-\u042f])"
    r"|(?P<newline>[ \t]*\n\s*)(?=[^a-z\s])"
)

# The word (with its dots) just before a period.
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")

# Abbreviations that are almost never sentence-final. Lower-cased, without the final dot.
_ABBREVIATIONS = word_set(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft sgt cpl pvt capt cmdr lt col gen maj adm gov
    sen rep pres supt insp det hon messrs mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols fig figs pp p ch art sec op cf vs v viz etc approx est dept univ assn
    bros corp inc ltd co plc llc
    ave blvd rd hwy ste apt
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """
)
# Company/street suffixes and month names that also end sentences often ("... Apple Inc. The").
_AMBIGUOUS_ABBREVIATIONS = word_set("inc ltd co corp plc llc bros etc no")

# Words that typically open a sentence; after an ambiguous abbreviation they signal a boundary.
_SENTENCE_OPENERS = word_set(
    """
    a an the this that these those there then thus so but and or yet however meanwhile still
    he she it we they i you his her its our their my your
    in on at for with after before when while if as since although though because during
    what who why how where which
    some many most all both each every no not one two three several few
    mr mrs ms dr
    """
)

_NEXT_WORD = re.compile(r"[\W_]*(\w+)")


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    """True when a boundary is really an abbreviation, an initial, an acronym, or an ellipsis
    inside a quotation."""
    punct = match.group("punct")
    if "…" in punct or punct.startswith(".."):
        return _inside_quotation(text, match.start())  # a pause inside a quotation
    if punct != "." or match.group("close"):
        return False
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if before is None:
        return False
    word = before.group(1).lstrip("'’-")
    bare = word.lower().rstrip(".")
    next_word = _NEXT_WORD.match(text, match.end())
    opener = next_word is not None and next_word.group(1).lower() in _SENTENCE_OPENERS
    if "." in word:  # U.S., e.g., a.m., Ph.D.
        return not opener
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if bare in _ABBREVIATIONS:
        return not (bare in _AMBIGUOUS_ABBREVIATIONS and opener)
    return False


def _inside_quotation(text: str, pos: int) -> bool:
    """An opening double quote before `pos` in its paragraph is still unclosed."""
    paragraph = text[text.rfind("\n", 0, pos) + 1 : pos]
    curly_open = paragraph.count("“") > paragraph.count("”")
    return curly_open or paragraph.count('"') % 2 == 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences in `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group("newline") is None and _is_false_boundary(text, match):
            continue
        end = match.start("space") if match.group("newline") is None else match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
