"""Training the speaker scorer: examples from gold, the fit, the threshold, the written model."""

from __future__ import annotations

import json
import pathlib

from bot.evaluation.runner import half_of
from bot.evaluation.speaker_training import examples, fit, pick_threshold, train
from bot.nlp.speaker_scorer import confidence


def item(n: int, speaker: str) -> dict[str, object]:
    text = f"Pier vote {n}\n\n“The pier stays open for everyone,” said Ana Lima."
    start = text.index("The pier")
    quote = "The pier stays open for everyone,"
    return {
        "id": f"pier-{n}",
        "text": text,
        "quotes": [{"quote": quote, "start": start, "end": start + len(quote), "speaker": speaker}],
    }


def test_examples_label_right_and_wrong_speakers_and_skip_gold_pronouns() -> None:
    assert [label for _, label in examples([item(1, "Lima")])] == [1]
    assert [label for _, label in examples([item(2, "Jo Park")])] == [0]
    pronoun = item(3, "she")
    pronoun["quotes"][0]["speaker_is_pronoun"] = True  # type: ignore[index]
    assert examples([pronoun]) == []


def test_fit_learns_which_feature_marks_a_wrong_speaker() -> None:
    data = [({"bias": 1.0, "good": 1.0}, 1)] * 20 + [({"bias": 1.0, "bad": 1.0}, 0)] * 20
    weights = fit(data)
    assert confidence({"bias": 1.0, "good": 1.0}, weights) > 0.8
    assert confidence({"bias": 1.0, "bad": 1.0}, weights) < 0.2


def test_threshold_is_the_lowest_that_reaches_the_target() -> None:
    weights = {"x": 1.0}
    data = [({"x": 3.0}, 1), ({"x": 2.0}, 1), ({"x": 1.0}, 0), ({"x": 0.0}, 1)]
    assert pick_threshold(data, weights, 1.0) == round(confidence({"x": 2.0}, weights), 4)
    assert pick_threshold(data, weights, 0.75) == 0.5  # all four kept: 3 of 4 right


def test_train_reads_only_half_a_and_writes_the_model(tmp_path: pathlib.Path) -> None:
    rows = [item(n, "Lima" if n % 3 else "Jo Park") for n in range(30)]
    data = tmp_path / "q.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "weights.json"
    figures = train(data, out=out)
    assert figures["examples"] == sum(half_of(r) == "a" for r in rows)
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["threshold"] == 0.5 and model["trained_on"] == "q.jsonl, half a"
    assert "bias" in model["weights"]
