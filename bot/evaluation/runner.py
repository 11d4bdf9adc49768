"""`articlebot eval`: run the project's pipeline on an annotated data set and print its figures.

Each run with answers also measures the simple baseline in the same process, so the figures
come with ratios. Items that carry only the input still get predictions and a speed figure.
`half` keeps one of two stable halves of the items (by a hash of their id), so that rules can be
tuned on one half and reported on the other; `sample` adds quotations to judge by hand.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pathlib
import random
import time
from collections.abc import Callable
from typing import Any, TextIO

from bot.config import LlmSettings
from bot.evaluation import baselines
from bot.evaluation.data import Item, load_items, write_predictions
from bot.evaluation.extraction_metrics import ExtractionScores, token_overlap
from bot.evaluation.quote_metrics import (
    QuoteScores,
    Span,
    match_spans,
    names_speaker,
    score_article,
)
from bot.evaluation.summary_metrics import RougeUnavailable, SummaryScores
from bot.evaluation.written_summaries import eval_written
from bot.ingest.pipeline import quotations
from bot.nlp.quotes import Quote
from bot.nlp.summary import summarize
from storage import SHORT_QUOTATION

KINDS = ("quotes", "summaries", "extraction")
HALVES = ("a", "b")
_SAMPLE_CONTEXT = 240  # characters of the paragraph shown each side of a sampled quotation
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
    half: str | None = None,
    sample: int = 0,
    seed: int = 0,
) -> int:
    """Evaluate `kind` on the JSON-lines file `data`; print figures to `out`; return exit code.

    Summaries may be the language model's (`engine` llm, on the operator's `llm` settings).
    `half` ("a" or "b") keeps that half of the items; `sample` (quotes only) adds that many
    random served quotations with their context, drawn with `seed`."""
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
    if half is not None and half not in HALVES:
        out.write(f"error: unknown half {half!r}; choose a or b\n")
        return EXIT_ERROR
    try:
        items = load_items(data, None if half else limit)
    except (OSError, ValueError) as exc:
        out.write(f"error: cannot read {data}: {exc}\n")
        return EXIT_ERROR
    if half is not None:
        items = [item for item in items if half_of(item) == half][:limit]
    try:
        report = runners[kind](items, data.parent, predictions)
    except (RougeUnavailable, ImportError) as exc:
        out.write(f"error: {exc}\n")
        return EXIT_ERROR
    head: Report = {"kind": kind, "engine": engine, "data": str(data), "items": len(items)}
    if half is not None:
        head["half"] = half
    report = {**head, **report}
    samples = served_sample(items, sample, seed) if kind == "quotes" and sample else []
    if as_json:
        out.write(json.dumps({**report, "sample": samples} if sample else report, indent=2) + "\n")
    else:
        out.write(_format(report) + _format_samples(samples))
    return EXIT_OK


def half_of(item: Item) -> str:
    """ "a" or "b", stable across runs and machines: the first bit of the SHA-1 of the id."""
    key = str(item.get("id") or item.get("url") or "")
    return HALVES[hashlib.sha1(key.encode("utf-8")).digest()[0] & 1]


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
    found, speed = _timed(lambda item: quotations(item["text"], item.get("language") or ""), items)
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
    by_language: dict[str, tuple[QuoteScores, QuoteScores]] = {}
    for item, quotes, base in zip(items, found, base_found, strict=True):
        if "quotes" not in item:
            continue
        gold = gold_spans(item)
        ours = score_article([Span(q.start, q.end, q.speaker) for q in quotes], gold)
        theirs = score_article([Span(s, e, who) for s, e, who in base], gold)
        system.add(ours)
        baseline.add(theirs)
        if item.get("language"):
            pair = by_language.setdefault(item["language"], (QuoteScores(), QuoteScores()))
            pair[0].add(ours)
            pair[1].add(theirs)
    report["scored_items"] = len(scored)
    report["system"] = {**system.as_dict(), "articles_per_second": round(speed, 1)}
    report["baseline"] = {
        "name": "quote-mark regex + said X / X said / As X",
        **baseline.as_dict(),
        "articles_per_second": round(base_speed, 1),
    }
    report["ratio_to_baseline"] = _ratio(system.as_dict(), baseline.as_dict())
    if by_language:
        report["by_language"] = {
            language: {"system": _brief(ours), "baseline": _brief(theirs)}
            for language, (ours, theirs) in sorted(by_language.items())
        }
    return report


def gold_spans(item: Item) -> list[Span]:
    return [
        Span(
            g["start"],
            g["end"],
            g.get("speaker") or "",
            names_speaker(g.get("speaker") or "", bool(g.get("speaker_is_pronoun"))),
        )
        for g in item["quotes"]
    ]


def _brief(scores: QuoteScores) -> dict[str, float]:
    keys = ("f1", "speaker_accuracy", "said_right", "named_pairs", "said_judged")
    figures = scores.as_dict()
    return {key: figures[key] for key in keys}


def served_sample(items: list[Item], count: int, seed: int) -> list[Report]:
    """`count` random quotations as random `quote` serves them (attributed and of at least
    SHORT_QUOTATION words when there are such), each with its paragraph around it."""
    served: list[tuple[Item, Quote]] = []
    short: list[tuple[Item, Quote]] = []
    for item in items:
        for q in quotations(item["text"], item.get("language") or ""):
            full = q.speaker and len(q.text.split()) >= SHORT_QUOTATION
            (served if full else short).append((item, q))
    pool = served or short
    chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    return [_sample_row(item, q) for item, q in chosen]


def _sample_row(item: Item, q: Quote) -> Report:
    text: str = item["text"]
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    start = max(para_start, q.start - _SAMPLE_CONTEXT)
    end = min(para_end, q.end + _SAMPLE_CONTEXT)
    row: Report = {
        "id": item.get("id", ""),
        "speaker": q.speaker,
        "quote": q.text,
        "context": text[start:end].strip(),
    }
    if "quotes" in item:
        gold = gold_spans(item)
        pairs = dict(match_spans([Span(q.start, q.end)], gold))
        row["gold_speaker"] = gold[pairs[0]].speaker if 0 in pairs else None
    return row


def _format_samples(samples: list[Report]) -> str:
    blocks = []
    for n, row in enumerate(samples, 1):
        lines = [f"--- sample {n} ({row['id']}): {row['speaker'] or '(unattributed)'}"]
        lines.append(f"quote: {row['quote']}")
        lines.append(f"context: {row['context']}")
        if "gold_speaker" in row:
            gold = row["gold_speaker"]
            lines.append(f"gold: {'(not a gold quotation)' if gold is None else gold or '(none)'}")
        blocks.append("\n".join(lines))
    return "".join(block + "\n" for block in blocks)


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
