"""Word-overlap precision/recall/F1 of extracted text against the gold body, averaged per page."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Overlap:
    precision: float
    recall: float
    f1: float


def token_overlap(predicted: str, gold: str) -> Overlap:
    """Multiset overlap of lower-cased `\\w+` tokens; an empty prediction scores 0."""
    p = Counter(_TOKEN.findall(predicted.lower()))
    g = Counter(_TOKEN.findall(gold.lower()))
    common = sum((p & g).values())
    if not p or not g or not common:
        return Overlap(0.0, 0.0, 0.0)
    precision = common / sum(p.values())
    recall = common / sum(g.values())
    return Overlap(precision, recall, 2 * precision * recall / (precision + recall))


@dataclass
class ExtractionScores:
    all_pages: list[Overlap] = field(default_factory=list)
    english: list[Overlap] = field(default_factory=list)

    def add(self, overlap: Overlap, is_english: bool) -> None:
        self.all_pages.append(overlap)
        if is_english:
            self.english.append(overlap)

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {"all": _mean(self.all_pages), "english": _mean(self.english)}


def _mean(pages: list[Overlap]) -> dict[str, float]:
    n = len(pages) or 1
    return {
        "precision": round(sum(p.precision for p in pages) / n, 4),
        "recall": round(sum(p.recall for p in pages) / n, 4),
        "f1": round(sum(p.f1 for p in pages) / n, 4),
        "pages": len(pages),
    }
