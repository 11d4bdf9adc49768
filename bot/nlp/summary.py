"""Extractive summaries: the article's most representative sentences, in article order."""

from __future__ import annotations

import re

from bot.nlp.sentences import split_sentences

SHORT_MAX_CHARS = 300
LENGTHS = {"short": 1, "medium": 3, "long": 7}

_BOILERPLATE = re.compile(
    r"subscribe|newsletter|cookie|click here|sign up|scroll down|read more|follow us|"
    r"all rights reserved|copyright|getty images|\bphoto(?:graph)?:|image (?:copyright|caption)|"
    r"^\s*(?:by|published|updated|last updated)\b[: ]",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def _candidates(text: str, title: str) -> list[str]:
    sentences = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if title and sentence.strip().rstrip(".") == title.strip().rstrip("."):
            continue
        words = len(_WORD.findall(sentence))
        if words < 5 or _BOILERPLATE.search(sentence):
            continue
        sentences.append(sentence)
    return sentences


def summarize(text: str, title: str = "") -> dict[str, str]:
    """Short (one sentence, <= 300 chars), medium (3) and long (about 7 sentences) summaries."""
    sentences = _candidates(text, title)
    short = next((s for s in sentences if len(s) <= SHORT_MAX_CHARS), "")
    if not short and sentences:
        short = sentences[0][: SHORT_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return {
        "short": short,
        "medium": " ".join(sentences[: LENGTHS["medium"]]),
        "long": " ".join(sentences[: LENGTHS["long"]]),
    }
