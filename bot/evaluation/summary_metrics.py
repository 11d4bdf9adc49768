"""ROUGE-1/2/L F1 with stemming (rouge-score), best over an item's references, per data group."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


class RougeUnavailable(RuntimeError):
    """rouge-score is an optional extra; summaries cannot be scored without it."""


def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise RougeUnavailable(
            "scoring summaries needs rouge-score: pip install 'articlebot[eval]' "
            "(or pip install rouge-score==0.1.2)"
        ) from exc
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


class SummaryScores:
    """Per-group sums of the best ROUGE F1 over each item's references."""

    def __init__(self) -> None:
        self._scorer = _scorer()
        self._sums: dict[str, dict[str, float]] = defaultdict(
            lambda: dict.fromkeys(ROUGE_TYPES, 0.0)
        )
        self._counts: dict[str, int] = defaultdict(int)

    def add(self, group: str, summary: str, references: list[str]) -> None:
        best = dict.fromkeys(ROUGE_TYPES, 0.0)
        for reference in references:
            scores = self._scorer.score(reference, summary)
            for kind in ROUGE_TYPES:
                best[kind] = max(best[kind], scores[kind].fmeasure)
        for kind in ROUGE_TYPES:
            self._sums[group][kind] += best[kind]
        self._counts[group] += 1

    def as_dict(self) -> dict[str, dict[str, float]]:
        """{group: {rouge1, rouge2, rougeL}} as percentages, plus `count`."""
        return {
            group: {
                **{k: round(100 * v / self._counts[group], 2) for k, v in sums.items()},
                "count": self._counts[group],
            }
            for group, sums in sorted(self._sums.items())
        }
