"""`articlebot eval summaries --engine llm`: the operator's language model on a data set.

What matters most here is trust, so besides ROUGE the report gives the share of summaries that
pass every check (at the first answer, and after the one retry), the share of summary sentences
whose citations support them (most of their content words are in the cited sentences), why the
others failed, and wall-clock seconds per summary (the time is the model's, not ours).
"""

from __future__ import annotations

import asyncio
import pathlib
import re
import time
from collections import Counter
from typing import Any

from bot.config import LlmSettings
from bot.evaluation.data import Item, write_predictions
from bot.evaluation.summary_metrics import SummaryScores
from bot.ingest.pipeline import quotations
from bot.llm.checks import SUPPORTED, support
from bot.llm.client import CONCURRENT_REQUESTS, ChatClient
from bot.llm.prompt import numbered_sentences
from bot.llm.writer import SummaryWriter, Written
from bot.nlp.summary import summarize

LENGTH = "medium"  # the length the extractive figures are given for
_CITATIONS = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")

Report = dict[str, Any]


def eval_written(
    items: list[Item], llm: LlmSettings, references: Any, predictions: pathlib.Path | None
) -> Report:
    """Figures of written summaries of `items`; `references(item)` lists an item's references."""
    written, seconds = asyncio.run(_write_all(items, llm))
    if predictions is not None:
        write_predictions(
            predictions,
            (
                {
                    "id": item["id"],
                    "summary": w.text,
                    "failure": w.failure,
                    "answers": [c.summary for c in w.checked],
                }
                for item, w in zip(items, written, strict=True)
            ),
        )
    answered = [w for w in written if w.checked]
    support_shares = [
        support(claim, numbered_sentences(item["text"]))
        for item, w in zip(items, written, strict=True)
        if w.checked
        for claim in w.checked[-1].claims
    ]
    failures = Counter(w.failure.split(":")[0] for w in written if w.failure)
    system: Report = {
        "engine": f"llm:{llm.model}",
        "summaries": len(items),
        "answered": len(answered),
        "passed_first_answer": _share(sum(w.checked[0].passed for w in answered), len(items)),
        "passed_every_check": _share(sum(bool(w.text) for w in written), len(items)),
        "supported_sentences": _share(
            sum(share >= SUPPORTED for share in support_shares), len(support_shares)
        ),
        "sentences": len(support_shares),
        "seconds_per_summary": round(sum(seconds) / len(seconds), 2) if seconds else 0.0,
        "failures": dict(failures.most_common()),
    }
    scored = [(item, w) for item, w in zip(items, written, strict=True) if references(item)]
    if scored:
        system.update(_rouge(scored, references))
    return {"system": system}


def _rouge(scored: list[tuple[Item, Written]], references: Any) -> Report:
    """ROUGE of the checked summaries, of what readers are shown (the extractive summary where
    the written one failed), and of the extractive summaries alone."""
    checked, shown, extractive = SummaryScores(), SummaryScores(), SummaryScores()
    passed = 0
    for item, written in scored:
        group = item.get("dataset") or "all"
        fallback = summarize(item["text"], item.get("title") or "")[LENGTH]
        if written.text:
            checked.add(group, _CITATIONS.sub("", written.text), references(item))
            passed += 1
        shown.add(
            group, _CITATIONS.sub("", written.text) if written.text else fallback, references(item)
        )
        extractive.add(group, fallback, references(item))
    figures: Report = {"scored_items": len(scored), "shown": shown.as_dict()}
    if passed:
        figures["checked_only"] = checked.as_dict()
    figures["extractive"] = extractive.as_dict()
    return figures


async def _write_all(items: list[Item], llm: LlmSettings) -> tuple[list[Written], list[float]]:
    client = ChatClient(llm)
    writer = SummaryWriter(client)
    slots = asyncio.Semaphore(CONCURRENT_REQUESTS)  # timed once sent, not while queued

    async def unlimited() -> bool:
        return True

    async def one(item: Item) -> tuple[Written, float]:
        speakers = {
            q.text: q.speaker
            for q in quotations(item["text"], item.get("language") or "")
            if q.speaker
        }
        async with slots:
            started = time.perf_counter()
            written = await writer.write(item["text"], LENGTH, speakers, unlimited)
            return written, time.perf_counter() - started

    try:
        done = await asyncio.gather(*(one(item) for item in items))
    finally:
        await client.close()
    return [w for w, _ in done], [s for w, s in done if w.checked]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0
