"""Safe FTS5 queries from a user's words.

User text is never passed to MATCH as syntax: it is cut into word tokens (the same classes of
characters the unicode61 tokenizer indexes) and each token becomes a double-quoted string, so
`"`, `*`, `NEAR(`, `AND`, `-`, `:` and unbalanced quotes are plain words or nothing at all.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 16


def terms(text: str) -> list[str]:
    """The searchable words in `text`, lower-cased, de-duplicated, in order, at most 16."""
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text):
        seen.setdefault(match.group(0).lower()[:64], None)
        if len(seen) >= MAX_TERMS:
            break
    return list(seen)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_all(text: str, column: str | None = None, prefix_last: bool = False) -> str | None:
    """An FTS5 query matching rows with every word; None when `text` has no words."""
    words = terms(text)
    if not words:
        return None
    parts = [_quoted(w) for w in words]
    if prefix_last:
        parts[-1] += "*"
    query = " ".join(parts)
    return f"{{{column}}} : ({query})" if column else query


def match_any(text: str, column: str | None = None) -> str | None:
    """An FTS5 query matching rows with at least one of the words."""
    words = terms(text)
    if not words:
        return None
    query = " OR ".join(_quoted(w) for w in words)
    return f"{{{column}}} : ({query})" if column else query
