"""`articlebot eval summaries --engine llm` against the scripted model: the figures count what
the checks let through."""

from __future__ import annotations

import asyncio
import io
import json
import pathlib
from typing import Any

from bot.config import LlmSettings
from bot.evaluation import run_eval
from tests.llm.server import Answer, ScriptedModel

FERRY = "The ferry returns on Monday. It stopped in March after a storm. Fares stay the same."
BRIDGE = "The bridge closes on Friday. Repairs cost 12 million euros. Traffic goes north."
ITEMS = [
    {"id": "a", "title": None, "text": FERRY, "references": ["The ferry returns Monday."]},
    {"id": "b", "title": None, "text": BRIDGE, "references": ["The bridge closes."]},
    {"id": "c", "title": None, "text": "Nobody answers this one. It is slow."},
]


def answer(body: dict[str, Any]) -> Answer:
    article = body["messages"][1]["content"]
    if "ferry" in article:  # grounded at once
        return Answer("The ferry returns on Monday [1]. It stopped in March [2].")
    if "bridge" in article:  # a made-up number, twice
        return Answer("The bridge closes on Friday [1]. Repairs cost 15 million euros [2].")
    return Answer(status=500)


async def test_the_report_gives_check_shares_support_rouge_and_speed(
    model: ScriptedModel, tmp_path: pathlib.Path
) -> None:
    model.respond = answer
    data = tmp_path / "s.jsonl"
    data.write_text("".join(json.dumps(item) + "\n" for item in ITEMS), encoding="utf-8")
    out = io.StringIO()
    llm = LlmSettings(url=model.url, model="test-model", timeout=5.0)
    predictions = tmp_path / "out.jsonl"
    code = await asyncio.to_thread(
        run_eval, "summaries", data, None, True, predictions, out, "llm", llm
    )
    assert code == 0, out.getvalue()
    report = json.loads(out.getvalue())
    system = report["system"]
    assert report["engine"] == "llm"
    assert system["engine"] == "llm:test-model"
    assert (system["summaries"], system["answered"]) == (3, 2)
    assert system["passed_first_answer"] == system["passed_every_check"] == round(1 / 3, 3)
    # Two sentences of the ferry's summary, two of the bridge's last answer: the made-up
    # number still shares most of its words with the sentence it cites.
    assert system["sentences"] == 4
    assert system["supported_sentences"] == 1.0
    assert system["failures"] == {
        "the language model's summary failed its checks twice": 1,
        "the language model answered with HTTP 500": 1,
    }
    assert system["seconds_per_summary"] > 0
    assert system["scored_items"] == 2
    assert system["checked_only"]["all"]["count"] == 1
    assert system["shown"]["all"]["rouge1"] > 0 and system["extractive"]["all"]["count"] == 2
    rows = {row["id"]: row for row in map(json.loads, predictions.read_text().splitlines())}
    assert rows["a"]["summary"].startswith("The ferry returns on Monday [1].")
    assert rows["b"]["summary"] == "" and len(rows["b"]["answers"]) == 2
    assert len(model.received) == 1 + 2 + 1


def test_the_llm_engine_needs_a_configured_model(tmp_path: pathlib.Path) -> None:
    data = tmp_path / "s.jsonl"
    data.write_text(json.dumps(ITEMS[0]) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_eval("summaries", data, None, False, None, out, "llm", None) == 2
    assert "ARTICLEBOT_LLM_URL" in out.getvalue()
