"""Training the speaker scorer (`bot.nlp.speaker_scorer`) on half "a" of a quotes data set.

Each quotation the rules give a speaker becomes one example: right (1) when it matches a gold
quotation whose speaker it names, wrong (0) when it names another or the text is no gold
quotation; gold pronoun speakers are left out, as the eval leaves them unjudged. The model is
L2-regularised logistic regression fitted by plain gradient descent (no dependency). The
threshold is 0.5 by default (a speaker more likely wrong than right is withdrawn); with a
`target`, it is the lowest that gives that said-right on the training half.
"""

from __future__ import annotations

import json
import math
import pathlib

from bot.evaluation.data import Item, load_items
from bot.evaluation.quote_metrics import Span, match_spans, said_right
from bot.evaluation.runner import gold_spans, half_of
from bot.nlp.quotes import speaker_evidence
from bot.nlp.speaker_scorer import WEIGHTS, confidence, features

TRAINING_HALF = "a"
_EPOCHS = 300
_RATE = 0.5
_L2 = 0.002

Example = tuple[dict[str, float], int]


def examples(items: list[Item]) -> list[Example]:
    """(features, right) for every judged speaker the rules find in `items`."""
    found: list[Example] = []
    for item in items:
        gold = gold_spans(item)
        pairs = speaker_evidence(item["text"])
        matched = dict(match_spans([Span(q.start, q.end) for q, _ in pairs], gold))
        for i, (quote, evidence) in enumerate(pairs):
            verdict = said_right(quote.speaker, gold[matched[i]] if i in matched else None)
            if verdict is not None:  # a gold pronoun is not judged
                found.append((features(evidence), int(verdict)))
    return found


def fit(data: list[Example]) -> dict[str, float]:
    """Logistic-regression weights by full-batch gradient descent."""
    weights: dict[str, float] = {}
    for _ in range(_EPOCHS):
        gradient: dict[str, float] = {}
        for found, label in data:
            error = confidence(found, weights) - label
            for name, value in found.items():
                gradient[name] = gradient.get(name, 0.0) + error * value
        for name, total in gradient.items():
            w = weights.get(name, 0.0)
            weights[name] = w - _RATE * (total / len(data) + _L2 * w * (name != "bias"))
    return {name: round(w, 4) for name, w in sorted(weights.items()) if abs(w) >= 1e-4}


def pick_threshold(data: list[Example], weights: dict[str, float], target: float) -> float:
    """The lowest threshold at which the kept speakers are at least `target` right."""
    scored = sorted(((confidence(f, weights), label) for f, label in data), reverse=True)
    right = 0
    best = 0.5
    for kept, (score, label) in enumerate(scored, 1):  # keeping the most confident first
        right += label
        if right / kept >= target:
            best = score
    return round(max(0.0, min(best, 0.95)), 4)


def train(
    data_path: pathlib.Path, target: float | None = None, out: pathlib.Path = WEIGHTS
) -> dict[str, float]:
    """Fit on the training half of `data_path`, write the model to `out`, return its figures."""
    items = [item for item in load_items(data_path) if half_of(item) == TRAINING_HALF]
    data = examples(items)
    weights = fit(data)
    threshold = 0.5 if target is None else pick_threshold(data, weights, target)
    kept = [label for found, label in data if confidence(found, weights) >= threshold]
    model = {
        "trained_on": f"{data_path.name}, half {TRAINING_HALF}",
        "examples": len(data),
        "threshold": threshold,
        "weights": weights,
    }
    out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {
        "examples": len(data),
        "right_before": round(sum(label for _, label in data) / max(1, len(data)), 4),
        "kept": len(kept),
        "right_after": round(sum(kept) / max(1, len(kept)), 4),
        "threshold": threshold,
        "log_loss": round(_log_loss(data, weights), 4),
    }


def _log_loss(data: list[Example], weights: dict[str, float]) -> float:
    eps = 1e-9
    total = 0.0
    for found, label in data:
        p = min(1 - eps, max(eps, confidence(found, weights)))
        total -= label * math.log(p) + (1 - label) * math.log(1 - p)
    return total / max(1, len(data))
