"""`articlebot eval`: run the project's pipeline on an annotated data set and print its figures.

Each run with answers also measures the simple baseline in the same process, so the figures
come with ratios. Items that carry only the input still get predictions and a speed figure.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import time
from collections.abc import Callable
from typing import Any, TextIO

from bot.config import LlmSettings
from bot.evaluation import baselines
from bot.evaluation.data import Item, load_items, write_predictions
from bot.evaluation.extraction_metrics import ExtractionScores, token_overlap
from bot.evaluation.quote_metrics import QuoteScores, Span, score_article
from bot.evaluation.summary_metrics import RougeUnavailable, SummaryScores
from bot.evaluation.written_summaries import eval_written
from bot.ingest.pipeline import quotations
from bot.nlp.summary import summarize

KINDS = ("quotes", "summaries", "extraction")
EXIT_OK = 0
EXIT_ERROR = 2

Report = dict[str, Any]


def run_eval(
    kind: str,
    data: pathlib.Path,
    limit: int | None,
    as_json: bool,
    predictions: pathlib.Path | None,
    out: TextIO,
    engine: str = "extractive",
    llm: LlmSettings | None = None,
) -> int:
    """Evaluate `kind` on the JSON-lines file `data`; print figures to `out`; return exit code.

    Summaries may be the language model's (`engine` llm, on the operator's `llm` settings)."""
    runners: dict[str, Callable[[list[Item], pathlib.Path, pathlib.Path | None], Report]] = {
        "quotes": _eval_quotes,
        "summaries": _eval_summaries,
        "extraction": _eval_extraction,
    }
    if kind not in runners:
        out.write(f"error: unknown evaluation {kind!r}; choose one of {', '.join(KINDS)}\n")
        return EXIT_ERROR
    if engine == "llm":
        if kind != "summaries" or llm is None:
            out.write(
                "error: --engine llm evaluates summaries, by the model of ARTICLEBOT_LLM_URL "
                "and ARTICLEBOT_LLM_MODEL\n"
            )
            return EXIT_ERROR
        configured = llm
        runners["summaries"] = lambda items, _, found: eval_written(
            items, configured, _references, found
        )
    try:
        items = load_items(data, limit)
    except (OSError, ValueError) as exc:
        out.write(f"error: cannot read {data}: {exc}\n")
        return EXIT_ERROR
    try:
        report = runners[kind](items, data.parent, predictions)
    except (RougeUnavailable, ImportError) as exc:
        out.write(f"error: {exc}\n")
        return EXIT_ERROR
    report = {"kind": kind, "engine": engine, "data": str(data), "items": len(items), **report}
    out.write(json.dumps(report, indent=2) + "\n" if as_json else _format(report))
    return EXIT_OK


def _timed(function: Callable[[Item], Any], items: list[Item]) -> tuple[list[Any], float]:
    """Outputs of `function` per item and items per CPU second (one core, whatever the load)."""
    started = time.process_time()
    outputs = [function(item) for item in items]
    elapsed = time.process_time() - started
    return outputs, (len(items) / elapsed if elapsed > 0 else float("inf"))


def _ratio(system: dict[str, float], baseline: dict[str, float]) -> dict[str, float]:
    return {
        key: round(system[key] / baseline[key], 3)
        for key, value in system.items()
        if isinstance(value, float) and baseline.get(key)
    }


# --- quotations -------------------------------------------------------------------------------


def _eval_quotes(items: list[Item], _: pathlib.Path, predictions: pathlib.Path | None) -> Report:
    found, speed = _timed(lambda item: quotations(item["text"], item.get("language", "")), items)
    if predictions is not None:
        write_predictions(
            predictions,
            (
                {
                    "id": item["id"],
                    "quotes": [
                        {"start": q.start, "end": q.end, "quote": q.text, "speaker": q.speaker}
                        for q in quotes
                    ],
                }
                for item, quotes in zip(items, found, strict=True)
            ),
        )
    report: Report = {"system": {"articles_per_second": round(speed, 1)}}
    scored = [item for item in items if "quotes" in item]
    if not scored:
        return report
    base_found, base_speed = _timed(lambda item: baselines.regex_quotes(item["text"]), items)
    system, baseline = QuoteScores(), QuoteScores()
    for item, quotes, base in zip(items, found, base_found, strict=True):
        if "quotes" not in item:
            continue
        gold = [
            Span(
                g["start"],
                g["end"],
                g.get("speaker") or "",
                bool(g.get("speaker")) and not g.get("speaker_is_pronoun"),
            )
            for g in item["quotes"]
        ]
        system.add(score_article([Span(q.start, q.end, q.speaker) for q in quotes], gold))
        baseline.add(score_article([Span(s, e, who) for s, e, who in base], gold))
    report["scored_items"] = len(scored)
    report["system"] = {**system.as_dict(), "articles_per_second": round(speed, 1)}
    report["baseline"] = {
        "name": "quote-mark regex + said X / X said / As X",
        **baseline.as_dict(),
        "articles_per_second": round(base_speed, 1),
    }
    report["ratio_to_baseline"] = _ratio(system.as_dict(), baseline.as_dict())
    return report


# --- summaries --------------------------------------------------------------------------------


def _eval_summaries(items: list[Item], _: pathlib.Path, predictions: pathlib.Path | None) -> Report:
    made, speed = _timed(lambda item: summarize(item["text"], item.get("title") or ""), items)
    if predictions is not None:
        write_predictions(
            predictions,
            ({"id": item["id"], "summaries": s} for item, s in zip(items, made, strict=True)),
        )
    report: Report = {"system": {"articles_per_second": round(speed, 1)}}
    scored = [(item, s) for item, s in zip(items, made, strict=True) if _references(item)]
    if not scored:
        return report
    leads, lead_speed = _timed(lambda item: baselines.lead_sentences(item["text"], 3), items)
    lead_by_id = {item["id"]: lead for item, lead in zip(items, leads, strict=True)}
    system, baseline = SummaryScores(), SummaryScores()
    for item, summaries in scored:
        group = item.get("dataset") or "all"
        system.add(group, summaries["medium"], _references(item))
        baseline.add(group, lead_by_id[item["id"]], _references(item))
    report["scored_items"] = len(scored)
    report["system"] = {
        "medium": system.as_dict(),
        "articles_per_second": round(speed, 1),
    }
    report["baseline"] = {
        "name": "Lead-3",
        "medium": baseline.as_dict(),
        "articles_per_second": round(lead_speed, 1),
    }
    report["ratio_to_baseline"] = {
        group: _ratio(figures, baseline.as_dict()[group])
        for group, figures in system.as_dict().items()
    }
    return report


def _references(item: Item) -> list[str]:
    refs = item.get("references") or ([item["reference"]] if item.get("reference") else [])
    return [r for r in refs if r]


# --- extraction -------------------------------------------------------------------------------


def _eval_extraction(
    items: list[Item], folder: pathlib.Path, predictions: pathlib.Path | None
) -> Report:
    from bot.ingest.html import extract_article  # written separately; needed only here

    pages = [_read_html(folder / item["html_file"]) for item in items]
    by_id = {item["id"]: html for item, html in zip(items, pages, strict=True)}
    articles, speed = _timed(lambda item: extract_article(by_id[item["id"]], item["url"]), items)
    if predictions is not None:
        write_predictions(
            predictions,
            (
                {
                    "id": item["id"],
                    "text": a.text,
                    "title": a.title,
                    "author": a.author,
                    "date": None if a.date is None else str(a.date),
                }
                for item, a in zip(items, articles, strict=True)
            ),
        )
    report: Report = {"system": {"pages_per_second": round(speed, 1)}}
    if not any("gold_text" in item for item in items):
        return report
    base, base_speed = _timed(
        lambda item: baselines.trafilatura_text(by_id[item["id"]], item["url"]), items
    )
    system, baseline = ExtractionScores(), ExtractionScores()
    for item, article, base_text in zip(items, articles, base, strict=True):
        if "gold_text" not in item:
            continue
        english = item.get("lang_auto") == "en"
        system.add(token_overlap(article.text or "", item["gold_text"]), english)
        baseline.add(token_overlap(base_text, item["gold_text"]), english)
    report["system"] = {**system.as_dict(), "pages_per_second": round(speed, 1)}
    report["baseline"] = {
        "name": "trafilatura (default settings)",
        **baseline.as_dict(),
        "pages_per_second": round(base_speed, 1),
    }
    report["ratio_to_baseline"] = {
        "all": _ratio(system.as_dict()["all"], baseline.as_dict()["all"]),
        "english": _ratio(system.as_dict()["english"], baseline.as_dict()["english"]),
    }
    return report


def _read_html(path: pathlib.Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


# --- text output ------------------------------------------------------------------------------


def _format(report: Report, indent: str = "") -> str:
    """Nested report as indented `key: value` lines."""
    lines = []
    for key, value in report.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.append(_format(value, indent + "  ").rstrip("\n"))
        else:
            lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines) + "\n"
