"""The simple methods each evaluation measures alongside the project's own, in the same run."""

from __future__ import annotations

import re

from bot.nlp.sentences import split_sentences

_QUOTED = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|he|she|they)"
_VERB = r"(?:said|says|told|added|wrote|asked)"
_AFTER = re.compile(
    rf"[^.!?\n]{{0,60}}?\b(?:{_VERB}\s+(?:[a-z]+\s+){{0,3}}(?P<a>{_NAME})|(?P<b>{_NAME})\s+{_VERB})\b"
)
_BEFORE = re.compile(
    rf"(?:\b[Aa]s\s+(?P<c>{_NAME})\s+\w+|(?P<d>{_NAME})\s+{_VERB}|according to (?P<e>{_NAME}))"
    r"[^.!?\n]{0,40}$"
)
_MIN_UNATTRIBUTED_WORDS = 4


def lead_sentences(text: str, count: int = 3) -> str:
    """Lead-N: the article's first `count` sentences."""
    return " ".join(text[s:e] for s, e in split_sentences(text)[:count])


def regex_quotes(text: str) -> list[tuple[int, int, str]]:
    """Quote-mark regex with "said X" / "X said" / "As X ..." speakers: (start, end, speaker).
    Pronouns and unattributed quotes near the last named speaker take that name; other
    unattributed segments of few words are dropped."""
    found = []
    last_name = ""
    last_end = 0
    for match in _QUOTED.finditer(text):
        after = _AFTER.match(text, match.end(), match.end() + 80)
        before = _BEFORE.search(text, max(0, match.start() - 120), match.start())
        speaker = ""
        for m in (after, before):
            if m is not None:
                speaker = next((g for g in m.groups() if g), "")
                break
        if speaker in ("he", "she", "they", ""):  # pronouns and continuations: the last name
            near = text.count("\n", last_end, match.start()) <= 2
            speaker = last_name if near else ""
        else:
            last_name = speaker
        last_end = match.end()
        start, end = match.span(1)
        inner = text[start:end]
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
        if end > start and (speaker or len(inner.split()) >= _MIN_UNATTRIBUTED_WORDS):
            found.append((start, end, speaker))
    return found


def trafilatura_text(html: str, url: str) -> str:
    """Trafilatura with default settings (imported lazily: only extraction runs need it)."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""
