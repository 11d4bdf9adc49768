"""Helper for the hand-written word lists of the nlp modules."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of `words` as a frozenset (lists stay readable)."""
    return frozenset(words.split())
