"""The scoring rules of `articlebot eval`: span matching, speakers, word overlap."""

from __future__ import annotations

import pytest

from bot.evaluation.extraction_metrics import token_overlap
from bot.evaluation.quote_metrics import Span, iou, match_spans, same_speaker, score_article


def test_iou() -> None:
    assert iou(Span(0, 10), Span(0, 10)) == 1.0
    assert iou(Span(0, 10), Span(5, 15)) == pytest.approx(5 / 15)
    assert iou(Span(0, 10), Span(10, 20)) == 0.0


def test_matching_is_one_to_one_best_overlap_first() -> None:
    predicted = [Span(0, 10), Span(0, 9)]
    gold = [Span(0, 10)]
    assert match_spans(predicted, gold) == [(0, 0)]
    assert match_spans([Span(0, 10)], [Span(6, 20)]) == []  # IoU below one half


def test_speaker_agreement_ignores_titles_and_case() -> None:
    assert same_speaker("Hillary Clinton", "Mrs. Clinton")
    assert same_speaker("Ted Cruz", "Sen. Ted Cruz (R-Texas)")
    assert not same_speaker("Ted Cruz", "Sen. Marco Rubio")
    assert not same_speaker("President Obama", "President Trump")
    assert same_speaker("the president", "The President")  # title-only gold keeps its title
    assert not same_speaker("", "Clinton")
    assert not same_speaker("Paul Ryan's", "Trump's campaign")  # the possessive "s" is no word


def test_score_article_counts_speakers_over_named_gold_only() -> None:
    gold = [Span(0, 10, "Clinton", True), Span(20, 30, "she", False), Span(40, 50, "Trump", True)]
    predicted = [Span(0, 10, "Hillary Clinton"), Span(20, 30, "Hillary Clinton")]
    scores = score_article(predicted, gold)
    assert (scores.matched, scores.predicted, scores.gold) == (2, 2, 3)
    assert (scores.named_pairs, scores.speaker_right) == (1, 1)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(2 / 3)


def test_token_overlap() -> None:
    overlap = token_overlap("The ferry runs. Subscribe!", "the ferry runs again")
    assert overlap.precision == pytest.approx(3 / 4)
    assert overlap.recall == pytest.approx(3 / 4)
    assert token_overlap("", "some gold text").f1 == 0.0


def test_an_unspaced_speaker_matches_by_containment() -> None:
    assert same_speaker("田中", "田中市長") and same_speaker("王明", "王明")
    assert not same_speaker("佐藤", "田中市長") and not same_speaker("", "田中")


def test_said_right_judges_every_predicted_speaker_except_on_gold_pronouns() -> None:
    gold = [
        Span(0, 10, "Ana Lima", True),
        Span(20, 30, "she", False),  # a pronoun: not judged
        Span(40, 50, "Jo Park", True),
        Span(60, 70, "", False),  # the annotators marked no source
    ]
    predicted = [
        Span(0, 10, "Ana Lima"),  # right
        Span(20, 30, "Jo Park"),  # not judged
        Span(40, 50, "Ana Lima"),  # wrong speaker
        Span(60, 70, "Jo Park"),  # gold has no source: wrong
        Span(80, 90, "Jo Park"),  # a speaker on text that is no gold quotation: wrong
        Span(100, 110, ""),  # unattributed: not judged
    ]
    scores = score_article(predicted, gold)
    assert (scores.said_judged, scores.said_right, scores.said_unmatched) == (4, 1, 1)
    assert scores.said_right_share == 0.25
    assert scores.as_dict()["said_wrong_speaker"] == 2
    assert (scores.named_pairs, scores.speaker_right) == (2, 1)


def test_said_right_is_zero_when_nothing_carries_a_speaker() -> None:
    scores = score_article([Span(0, 10, "")], [Span(0, 10, "Ana Lima", True)])
    assert (scores.said_judged, scores.said_right_share) == (0, 0.0)
