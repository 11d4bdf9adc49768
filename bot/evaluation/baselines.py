"""The simple methods each evaluation measures alongside the project's own, in the same run."""

from __future__ import annotations

import re

from bot.nlp.sentences import split_sentences

_QUOTED = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_NAME = r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|he|she|they)"
_SAID_AFTER = re.compile(rf"\s*,?\s*(?:said\s+(?P<a>{_NAME})|(?P<b>{_NAME})\s+said)")
_AS_BEFORE = re.compile(rf"(?:[Aa]s\s+(?P<c>{_NAME})\s+\w+|(?P<d>{_NAME})\s+said)[,:]?\s*$")


def lead_sentences(text: str, count: int = 3) -> str:
    """Lead-N: the article's first `count` sentences."""
    return " ".join(text[s:e] for s, e in split_sentences(text)[:count])


def regex_quotes(text: str) -> list[tuple[int, int, str]]:
    """Quote-mark regex with "said X" / "X said" / "As X ..." speakers: (start, end, speaker)."""
    found = []
    for match in _QUOTED.finditer(text):
        after = _SAID_AFTER.match(text, match.end(), match.end() + 60)
        before = _AS_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        speaker = ""
        for m in (after, before):
            if m is not None:
                speaker = next((g for g in m.groups() if g), "")
                break
        start, end = match.span(1)
        inner = text[start:end]
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
        if end > start:
            found.append((start, end, speaker))
    return found


def trafilatura_text(html: str, url: str) -> str:
    """Trafilatura with default settings (imported lazily: only extraction runs need it)."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""
