"""`run_eval`: figures with baselines for annotated data, speed only for input-only data."""

from __future__ import annotations

import gzip
import io
import json
import pathlib
import sys
from types import SimpleNamespace

import pytest

from bot.evaluation import run_eval
from bot.evaluation.runner import half_of

QUOTE_TEXT = (
    "Harbour vote\n\n“The pier stays open,” said Ana Lima. The so-called “experts” disagreed."
)


def write_jsonl(path: pathlib.Path, rows: list[dict[str, object]]) -> pathlib.Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def quote_item(with_answers: bool) -> dict[str, object]:
    item: dict[str, object] = {"id": "q1", "title": "Harbour vote", "text": QUOTE_TEXT}
    if with_answers:
        start = QUOTE_TEXT.index("The pier")
        item["quotes"] = [
            {
                "quote": "The pier stays open,",
                "start": start,
                "end": start + len("The pier stays open,"),
                "speaker": "Ana Lima",
                "speaker_is_pronoun": False,
            }
        ]
    return item


def run(kind: str, data: pathlib.Path, predictions: pathlib.Path | None = None) -> tuple[int, dict]:
    out = io.StringIO()
    code = run_eval(kind, data, None, True, predictions, out)
    return code, json.loads(out.getvalue()) if code == 0 else {"error": out.getvalue()}


def test_quotes_with_answers_report_figures_and_the_baseline(tmp_path: pathlib.Path) -> None:
    code, report = run("quotes", write_jsonl(tmp_path / "q.jsonl", [quote_item(True)]))
    assert code == 0
    assert report["system"]["f1"] == 1.0
    assert report["system"]["speaker_accuracy"] == 1.0
    assert report["baseline"]["name"].startswith("quote-mark regex")
    assert "articles_per_second" in report["baseline"]
    assert report["ratio_to_baseline"]["recall"] == 1.0


def test_input_only_items_give_predictions_and_speed_only(tmp_path: pathlib.Path) -> None:
    data = write_jsonl(tmp_path / "q.jsonl", [quote_item(False)])
    predictions = tmp_path / "out.jsonl"
    code, report = run("quotes", data, predictions)
    assert code == 0
    assert set(report["system"]) == {"articles_per_second"}
    assert "baseline" not in report
    (row,) = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert row["id"] == "q1"
    (quote,) = row["quotes"]
    assert QUOTE_TEXT[quote["start"] : quote["end"]] == quote["quote"] == "The pier stays open,"
    assert quote["speaker"] == "Ana Lima"


def test_summaries_are_scored_per_group_against_lead_3(tmp_path: pathlib.Path) -> None:
    text = "The ferry returns on Monday. It stopped in March. Fares stay the same. Shops cheered."
    rows = [
        {
            "id": "s1",
            "title": None,
            "text": text,
            "references": ["The ferry returns."],
            "dataset": "news",
        },
    ]
    predictions = tmp_path / "out.jsonl"
    code, report = run("summaries", write_jsonl(tmp_path / "s.jsonl", rows), predictions)
    assert code == 0
    assert set(report["system"]["medium"]) == {"news"}
    assert report["baseline"]["name"] == "Lead-3"
    assert report["system"]["medium"]["news"]["rouge1"] > 0
    (row,) = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert set(row["summaries"]) == {"short", "medium", "long"}


def test_missing_rouge_is_a_clear_error(tmp_path: pathlib.Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)
    rows = [{"id": "s1", "title": None, "text": "One. Two.", "references": ["One."]}]
    code, report = run("summaries", write_jsonl(tmp_path / "s.jsonl", rows))
    assert code == 2
    assert "rouge-score" in report["error"]


def test_extraction_uses_the_project_extractor_and_trafilatura(
    tmp_path: pathlib.Path, monkeypatch
) -> None:
    html = "<html><body><article><p>The ferry returns on Monday.</p></article></body></html>"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    rows = [
        {
            "id": "p1",
            "url": "https://example.org/a",
            "html_file": "pages/p1.html.gz",
            "gold_text": "The ferry returns on Monday.",
            "lang_auto": "en",
        }
    ]

    def fake_extract(page: str, url: str) -> SimpleNamespace:
        assert "ferry" in page and url == "https://example.org/a"
        return SimpleNamespace(
            text="The ferry returns on Monday.", title="Ferry", author=None, date=None
        )

    monkeypatch.setattr("bot.ingest.html.extract_article", fake_extract)
    code, report = run("extraction", write_jsonl(tmp_path / "e.jsonl", rows))
    assert code == 0
    assert report["system"]["all"]["f1"] == 1.0
    assert report["system"]["english"]["pages"] == 1
    assert report["baseline"]["name"] == "trafilatura (default settings)"


def test_unknown_kind_and_missing_file_fail(tmp_path: pathlib.Path) -> None:
    assert run("poems", tmp_path / "none.jsonl")[0] == 2
    assert run("quotes", tmp_path / "none.jsonl")[0] == 2


@pytest.mark.parametrize("limit", [1, 2])
def test_limit_takes_the_first_items(tmp_path: pathlib.Path, limit: int) -> None:
    data = write_jsonl(tmp_path / "q.jsonl", [quote_item(True), {**quote_item(True), "id": "q2"}])
    out = io.StringIO()
    assert run_eval("quotes", data, limit, True, None, out) == 0
    assert json.loads(out.getvalue())["items"] == limit


MULTILINGUAL = pathlib.Path(__file__).parent.parent / "data"


@pytest.mark.parametrize("name", ["multilingual_quotes.jsonl", "multilingual_quotes_unseen.jsonl"])
def test_the_multilingual_sets_are_read_by_each_article_language(name: str) -> None:
    out = io.StringIO()
    assert run_eval("quotes", MULTILINGUAL / name, None, True, None, out) == 0
    system = json.loads(out.getvalue())["system"]
    assert system["recall"] >= 0.95 and system["speaker_accuracy"] >= 0.9, system


def many_quote_items(count: int) -> list[dict[str, object]]:
    return [{**quote_item(True), "id": f"item-{n}"} for n in range(count)]


def test_halves_split_the_items_stably_by_id(tmp_path: pathlib.Path) -> None:
    data = write_jsonl(tmp_path / "q.jsonl", many_quote_items(40))
    sizes = {}
    for half in ("a", "b"):
        out = io.StringIO()
        assert run_eval("quotes", data, None, True, None, out, half=half) == 0
        report = json.loads(out.getvalue())
        assert report["half"] == half
        sizes[half] = report["items"]
    assert sizes["a"] + sizes["b"] == 40
    assert 10 <= sizes["a"] <= 30  # a hash, not "the first half"
    assert half_of({"id": "item-1"}) == half_of({"id": "item-1", "title": "other"})
    assert {half_of({"id": f"item-{n}"}) for n in range(40)} == {"a", "b"}


def test_unknown_half_is_an_error(tmp_path: pathlib.Path) -> None:
    out = io.StringIO()
    data = write_jsonl(tmp_path / "q.jsonl", many_quote_items(2))
    assert run_eval("quotes", data, None, True, None, out, half="c") == 2
    assert "unknown half" in out.getvalue()


def test_quotes_report_said_right_for_system_and_baseline(tmp_path: pathlib.Path) -> None:
    code, report = run("quotes", write_jsonl(tmp_path / "q.jsonl", [quote_item(True)]))
    assert code == 0
    assert report["system"]["said_right"] == 1.0
    assert report["system"]["said_judged"] == 1
    assert "said_right" in report["baseline"]


def test_sample_is_seeded_and_shows_the_quotation_in_its_paragraph(tmp_path: pathlib.Path) -> None:
    data = write_jsonl(tmp_path / "q.jsonl", many_quote_items(6))
    outputs = []
    for _ in range(2):
        out = io.StringIO()
        assert run_eval("quotes", data, None, True, None, out, sample=3, seed=7) == 0
        outputs.append(json.loads(out.getvalue())["sample"])
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 3
    row = outputs[0][0]
    assert row["quote"] == "The pier stays open,"
    assert row["speaker"] == row["gold_speaker"] == "Ana Lima"
    assert row["context"] == QUOTE_TEXT.split("\n")[-1]
    text = io.StringIO()
    assert run_eval("quotes", data, None, False, None, text, sample=1) == 0
    assert "--- sample 1 (item-" in text.getvalue()
    assert "quote: The pier stays open," in text.getvalue()


def test_items_with_a_language_get_figures_per_language(tmp_path: pathlib.Path) -> None:
    rows = [{**quote_item(True), "id": "en-1", "language": "en"}]
    code, report = run("quotes", write_jsonl(tmp_path / "q.jsonl", rows))
    assert code == 0
    assert report["by_language"]["en"]["system"]["said_right"] == 1.0
    assert "speaker_accuracy" in report["by_language"]["en"]["baseline"]


def test_a_gold_relative_pronoun_is_a_pronoun_and_not_judged(tmp_path: pathlib.Path) -> None:
    item = quote_item(True)
    item["quotes"][0]["speaker"] = "who"  # type: ignore[index]
    code, report = run("quotes", write_jsonl(tmp_path / "q.jsonl", [item]))
    assert code == 0
    assert (report["system"]["named_pairs"], report["system"]["said_judged"]) == (0, 0)
    item["quotes"][0]["speaker"] = "Ana Lima"  # type: ignore[index]
    code, report = run("quotes", write_jsonl(tmp_path / "q.jsonl", [item]))
    assert (report["system"]["named_pairs"], report["system"]["said_judged"]) == (1, 1)
