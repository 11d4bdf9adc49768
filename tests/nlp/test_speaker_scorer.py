"""The speaker scorer: what it reads about a quotation, and the model shipped with it."""

from __future__ import annotations

import json

from bot.nlp.quotes import speaker_evidence
from bot.nlp.speaker_scorer import WEIGHTS, confidence, features, trusted


def evidence_for(text: str):
    ((quote, evidence),) = speaker_evidence(text)
    return quote, evidence


def test_features_say_how_the_speaker_was_found_and_what_surrounds_the_quotation() -> None:
    quote, evidence = evidence_for("“The pier stays open all winter,” said Ana Lima on Monday.")
    assert quote.speaker == "Ana Lima"
    found = features(evidence)
    assert found["how=mention"] == 1.0
    assert found["speech_verb_after"] == 1.0
    assert found["opens_paragraph"] == 1.0 and found["ends_with_punctuation"] == 1.0
    assert "title_case" not in found and "speaker_one_word" not in found


def test_confidence_is_a_logistic_of_the_weighted_features() -> None:
    assert confidence({"bias": 1.0}, {"bias": 0.0}) == 0.5
    assert confidence({"bias": 1.0, "x": 1.0}, {"bias": 1.0, "x": 1.0}) > 0.88
    assert confidence({"bias": 1.0}, {"bias": -100.0}) < 1e-9  # clipped, no overflow


def test_the_shipped_model_trusts_a_plain_attribution() -> None:
    model = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert 0.0 < model["threshold"] < 1.0 and model["weights"]
    assert "half a" in model["trained_on"]
    _, evidence = evidence_for(
        "“We will rebuild the harbour wall this year,” Mayor Ines Vale said."
    )
    assert trusted(evidence)
