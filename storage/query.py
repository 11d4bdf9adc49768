"""Users' words as a search query that no engine can misread.

A query is a list of words, quoted phrases and runs of unspaced script (Chinese, Japanese,
Korean), each matched as text and never as syntax: `"`, `*`, `NEAR(`, `AND`, `-`, `:` and
unbalanced quotes are plain words or nothing at all. Each engine renders a `SearchQuery` its own
way (FTS5 MATCH strings, PostgreSQL tsquery parameters).

Unspaced scripts have no word boundaries a tokenizer can see, so they are indexed as overlapping
character pairs (`cjk_terms`): any word of two or more characters is found as the phrase of its
pairs, on both engines.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_TERMS = 16
MAX_WORD = 64
_WORD = re.compile(r"[^\W_]+")
# Han (with extensions and compatibility forms), kana, and Hangul syllables.
_CJK_CLASS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af"
)
_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_HAS_CJK = re.compile(f"[{_CJK_CLASS}]")
_QUOTE_MARKS = '"“”„«»「」『』'
_PHRASE = re.compile(f"[{_QUOTE_MARKS}]([^{_QUOTE_MARKS}]*)(?:[{_QUOTE_MARKS}]|$)")


class Kind(enum.Enum):
    WORD = "word"
    PHRASE = "phrase"  # words that must stand next to each other, in order
    CJK = "cjk"  # an unspaced run, matched by its character pairs


@dataclass(frozen=True)
class Term:
    kind: Kind
    words: tuple[str, ...]  # lower-cased; for CJK, the character pairs (or the one character)

    @property
    def text(self) -> str:
        return ("" if self.kind is Kind.CJK else " ").join(
            self.words if self.kind is not Kind.CJK else _unpair(self.words)
        )


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def has_cjk(self) -> bool:
        return any(t.kind is Kind.CJK for t in self.terms)

    @property
    def has_phrase(self) -> bool:
        return any(t.kind is Kind.PHRASE for t in self.terms)

    def words(self) -> list[str]:
        """Every plain word of the query (phrases' words included), for passage matching."""
        return [w for t in self.terms if t.kind is not Kind.CJK for w in t.words]

    def cjk_runs(self) -> list[str]:
        return [t.text for t in self.terms if t.kind is Kind.CJK]


def has_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


def _pairs(run: str) -> tuple[str, ...]:
    if len(run) == 1:
        return (run,)
    return tuple(run[i : i + 2] for i in range(len(run) - 1))


def _unpair(pairs: tuple[str, ...]) -> list[str]:
    if len(pairs) == 1:
        return [pairs[0]]
    return [pairs[0]] + [p[1] for p in pairs[1:]]


def cjk_terms(*texts: str) -> str:
    """The index text for unspaced scripts: each run's character pairs, space-separated
    (a lone character stands for itself); empty when the texts hold none, as most do."""
    out: list[str] = []
    for text in texts:
        for match in _CJK_RUN.finditer(text):
            out.extend(_pairs(match.group(0)))
    return " ".join(out)


def _words_of(chunk: str) -> tuple[list[str], list[str]]:
    """Plain words and CJK runs of a piece of text, in order."""
    words: list[str] = []
    runs: list[str] = []
    for match in _WORD.finditer(chunk):
        token = match.group(0)
        if not _HAS_CJK.search(token):
            words.append(token.lower()[:MAX_WORD])
            continue
        last = 0
        for run in _CJK_RUN.finditer(token):
            if run.start() > last:
                words.append(token[last : run.start()].lower()[:MAX_WORD])
            runs.append(run.group(0)[:MAX_WORD])
            last = run.end()
        if last < len(token):
            words.append(token[last:].lower()[:MAX_WORD])
    return words, runs


def parse_query(text: str) -> SearchQuery:
    """Words, "quoted phrases" and CJK runs of `text`, de-duplicated, in order, at most 16."""
    terms: dict[Term, None] = {}

    def add(term: Term) -> None:
        if len(terms) < MAX_TERMS:
            terms.setdefault(term, None)

    pos = 0
    for match in _PHRASE.finditer(text):
        _add_loose(text[pos : match.start()], add)
        words, runs = _words_of(match.group(1))
        if len(words) > 1:
            add(Term(Kind.PHRASE, tuple(words[:MAX_TERMS])))
        elif words:
            add(Term(Kind.WORD, (words[0],)))
        for run in runs:
            add(Term(Kind.CJK, _pairs(run)))
        pos = match.end()
    _add_loose(text[pos:], add)
    return SearchQuery(tuple(terms))


def _add_loose(chunk: str, add: Callable[[Term], None]) -> None:
    words, runs = _words_of(chunk)
    for word in words:
        add(Term(Kind.WORD, (word,)))
    for run in runs:
        add(Term(Kind.CJK, _pairs(run)))
