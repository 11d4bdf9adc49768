"""Snippets for matches the engines cannot highlight themselves (unspaced scripts)."""

from __future__ import annotations

from collections.abc import Sequence

CONTEXT = 40  # characters shown on each side of the first match


def cjk_snippet(text: str, runs: Sequence[str], marks: tuple[str, str]) -> str:
    """A window of `text` around the first of `runs`, each occurrence in it highlighted."""
    found = [(text.find(run), run) for run in runs if run and run in text]
    if not found:
        return text[: 2 * CONTEXT].strip() + ("…" if len(text) > 2 * CONTEXT else "")
    first = min(found)[0]
    start = max(0, first - CONTEXT)
    end = min(len(text), first + CONTEXT)
    window = text[start:end]
    for _, run in sorted(found, key=lambda f: -len(f[1])):
        window = window.replace(run, f"{marks[0]}{run}{marks[1]}")
    window = " ".join(window.split())
    return ("…" if start else "") + window + ("…" if end < len(text) else "")
