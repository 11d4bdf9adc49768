"""Rule-based sentence splitting: character spans, robust to abbreviations, decimals and quotes,
in every script.

A candidate boundary is terminal punctuation (. ! ? … ... and the full stops and question marks
of other spaced scripts: ؟ । ። ۔ ။ ։) followed by optional closing quotes/brackets, whitespace, and
something that can start a sentence: anything but a lower-case letter, so capitals, digits,
opening quotes and the letters of scripts without case (Arabic, Hindi, Korean...) all do.
Candidates after known abbreviations, initials and German ordinals ("am 3. Mai") are rejected;
acronyms with dots ("U.S.") end a sentence only when the next word is a typical sentence opener.
Line breaks end a sentence unless the next line continues in lower case (hard-wrapped text).
Scraped text that lost the space after a full stop ("in 2002.They made") is split there too.

Chinese and Japanese end sentences with 。！？ and no space; a closing quotation mark after them
keeps a short attribution that follows with its sentence (“……。”他说。, 「……。」と述べた。).
"""

from __future__ import annotations

import re

from bot.nlp.wordlists import word_set

# Closing quote/bracket characters that may follow the terminal punctuation.
_CLOSERS = "\"'”’»)]"
_CJK_CLOSERS = "」』”’）)》〉】〕\"'»"
# Terminal punctuation of spaced scripts besides . ! ?: Arabic, Devanagari, Ethiopic, Urdu,
# Myanmar and Armenian.
_TERMINALS = ".!?…؟।॥።۔။։"
_CJK_TERMINALS = "。！？｡‼⁇⁈⁉"
_CJK_QUOTE_OPENERS = "「『“‘（(《"
_ATTACHED_MAX = 20  # characters of an attribution kept with the quotation before it

_BOUNDARY = re.compile(
    r"(?P<punct>[" + re.escape(_TERMINALS) + r"]+)(?P<close>[" + re.escape(_CLOSERS) + r"]*)"
    r"(?P<space>[ \t\u00a0]+|[ \t]*\n\s*|(?<=[a-z0-9][.!?])(?=[A-Z][a-z]{2,}))(?=\S)"
    r"|(?P<cjk>[" + _CJK_TERMINALS + r"]+)(?P<cjk_close>[" + re.escape(_CJK_CLOSERS) + r"]*)"
    r"(?P<cjk_space>\s*)(?=\S)"
    r"|(?P<newline>[ \t]*\n\s*)(?=\S)"
)
# Georgian letters are lower case to Python but the script is written without case.
_GEORGIAN = re.compile("[\u10d0-\u10ff]")

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
    bzw vgl sog evtl ggf inkl ca nr hr sra srta ud uds dott sig avv ing ee тыс млн млрд руб
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

# Words that follow a German ordinal ("am 3. Oktober", "im 19. Jahrhundert"): months and the
# nouns most often counted.
_ORDINAL_NOUNS = word_set(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember
    jahrhundert jahrtausend weltkrieg bundesliga liga runde platz spieltag klasse stock etage
    """
)
_NEXT_WORD = re.compile(r"[\W_]*(\w+)")
_LETTER_AND_DOT = re.compile(r"[^\W\d_]\.")
_OPENERS = "\"'“‘«„‚¿¡([（「『《 \u00a0"
_CJK_TERMINAL_AHEAD = re.compile(r"[" + _CJK_TERMINALS + r"\n]")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group("cjk") is not None:
        return not (match.group("cjk_close") and _attached_attribution(text, match.end()))
    if _continues_in_lower_case(text, match.end()):
        return False
    return match.group("newline") is not None or not _is_false_boundary(text, match)


def _continues_in_lower_case(text: str, pos: int) -> bool:
    """The text after a candidate boundary goes on with a lower-case letter (after any opening
    quotes or brackets): the same sentence, or a hard-wrapped line of it."""
    end = min(len(text), pos + 4)
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    return pos < len(text) and text[pos].islower() and not _GEORGIAN.match(text[pos])


def _attached_attribution(text: str, pos: int) -> bool:
    """A short clause closing a quotation's sentence, as in “……。”他说。 or 「……。」と述べた。"""
    ahead = _CJK_TERMINAL_AHEAD.search(text, pos, pos + _ATTACHED_MAX + 1)
    if ahead is None or text[ahead.start()] == "\n":
        return False
    clause = text[pos : ahead.start()]
    return bool(clause) and not any(ch in _CJK_QUOTE_OPENERS for ch in clause)


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    """True when a boundary is really an abbreviation, an initial, an ordinal, an acronym, or an
    ellipsis inside a quotation."""
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
    if len(word) == 1 and _LETTER_AND_DOT.match(text, match.end()):  # "z. B.", "т. е."
        return True
    if word.isdigit() and len(word) <= 2 and next_word is not None:  # "am 3. Mai"
        return next_word.group(1).lower() in _ORDINAL_NOUNS
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
        if not _is_boundary(text, match):
            continue
        if match.group("cjk") is not None:
            end = match.start("cjk_space")
        elif match.group("newline") is None:
            end = match.start("space")
        else:
            end = match.start()
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
