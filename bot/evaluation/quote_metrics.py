"""Scoring quotations: one-to-one span matching by character IoU, then speaker agreement.

Two speaker figures: *named-speaker accuracy* judges matched gold quotations whose speaker is
a name; *said-right* judges what a member sees, every predicted quotation that carries a
speaker (a speaker on text that is no gold quotation is wrong; a gold pronoun is not judged).
A relative pronoun ("who", "that") is a pronoun too, though the data flags only personal ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.nlp.language import is_unspaced
from bot.nlp.wordlists import word_set

MIN_IOU = 0.5

_TOKEN = re.compile(r"\w+")
_FUNCTION_WORDS = word_set("a an the of for at in on to and or from with by his her their its")
# Words that do not identify a speaker: titles, determiners, prepositions.
_NOT_CONTENT = _FUNCTION_WORDS | word_set(
    """
    mr mrs ms miss dr prof sen rep gov president senator representative governor mayor
    former vice secretary minister sir lord lady gen rev
    """
)
# The data sets flag personal pronouns only; a relative pronoun names nobody either.
RELATIVE_PRONOUNS = word_set("who whom whose which that")


def names_speaker(speaker: str, flagged_pronoun: bool) -> bool:
    """Whether a gold speaker names someone: present, neither flagged as a pronoun nor a
    relative pronoun ("said a man who ..." has the man as its speaker, not "who")."""
    return (
        bool(speaker) and not flagged_pronoun and speaker.strip().lower() not in RELATIVE_PRONOUNS
    )


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    speaker: str = ""
    speaker_is_name: bool = False


@dataclass
class QuoteScores:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    named_pairs: int = 0
    speaker_right: int = 0
    said_judged: int = 0
    said_right: int = 0
    said_unmatched: int = 0  # judged wrong: a speaker on text that is no gold quotation

    def add(self, other: QuoteScores) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.named_pairs += other.named_pairs
        self.speaker_right += other.speaker_right
        self.said_judged += other.said_judged
        self.said_right += other.said_right
        self.said_unmatched += other.said_unmatched

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.named_pairs if self.named_pairs else 0.0

    @property
    def said_right_share(self) -> float:
        return self.said_right / self.said_judged if self.said_judged else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "said_right": round(self.said_right_share, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "named_pairs": self.named_pairs,
            "said_judged": self.said_judged,
            "said_wrong_speaker": self.said_judged - self.said_right - self.said_unmatched,
            "said_not_a_quotation": self.said_unmatched,
        }


def iou(a: Span, b: Span) -> float:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    if overlap <= 0:
        return 0.0
    return overlap / (max(a.end, b.end) - min(a.start, b.start))


def match_spans(predicted: Sequence[Span], gold: Sequence[Span]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best IoU first; pairs of (predicted index, gold index)."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            score = iou(p, g)
            if score >= MIN_IOU:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def content_words(mention: str, keep_titles: bool = False) -> set[str]:
    words = _TOKEN.findall(mention.lower())
    ignored = _FUNCTION_WORDS if keep_titles else _NOT_CONTENT
    return {w for w in words if w not in ignored and len(w) > 1}  # not the "s" of "Trump's"


def same_speaker(predicted: str, gold: str) -> bool:
    """True when the predicted speaker shares a content word with the gold mention. A gold
    mention that is only a title ("the president") is compared with its title kept."""
    if is_unspaced(gold):  # no spaces to find words by: 田中 names the speaker of 田中市長
        return bool(predicted) and (predicted in gold or gold in predicted)
    keep_titles = not content_words(gold)
    return bool(content_words(predicted, keep_titles) & content_words(gold, keep_titles))


def score_article(predicted: Sequence[Span], gold: Sequence[Span]) -> QuoteScores:
    """Gold spans carry `speaker_is_name`; a gold speaker that is not a name is a pronoun."""
    scores = QuoteScores(predicted=len(predicted), gold=len(gold))
    matched_gold = dict(match_spans(predicted, gold))
    for i, j in matched_gold.items():
        scores.matched += 1
        if gold[j].speaker_is_name:
            scores.named_pairs += 1
            scores.speaker_right += same_speaker(predicted[i].speaker, gold[j].speaker)
    for i, p in enumerate(predicted):
        if not p.speaker.strip():
            continue
        truth = gold[matched_gold[i]] if i in matched_gold else None
        verdict = said_right(p.speaker, truth)
        if verdict is None:
            continue
        scores.said_judged += 1
        scores.said_right += verdict
        scores.said_unmatched += truth is None
    return scores


def said_right(speaker: str, truth: Span | None) -> bool | None:
    """Whether a speaker the bot gives is right: wrong on text that is no gold quotation
    (`truth` None), not judged (None) when the gold speaker is only a pronoun."""
    if truth is None:
        return False
    if truth.speaker and not truth.speaker_is_name:
        return None
    return same_speaker(speaker, truth.speaker)
