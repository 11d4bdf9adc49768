"""The figures as a table on the terminal, as JSON for comparing runs, and as a README summary."""

from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.figures import Figure, Latency


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": platform.platform(),
    }


def growth(figures: list[Figure]) -> list[dict[str, Any]]:
    """How each latency's median grows with the library: the exponent k in p50 ~ size^k
    between the smallest and largest size (0 is flat, 1 is linear)."""
    by_name: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.kind == "latency" and isinstance(figure.value, Latency):
            by_name.setdefault(figure.name, []).append(figure)
    rows = []
    for name, series in by_name.items():
        series = sorted(series, key=lambda f: f.size)
        if len(series) < 2 or series[0].size == series[-1].size:
            continue
        medians = [f.value.p50 for f in series if isinstance(f.value, Latency)]
        floors = [f.baseline.p50 for f in series if isinstance(f.baseline, Latency)]
        exponent = _exponent(medians, series[0].size, series[-1].size)
        row: dict[str, Any] = {
            "name": name,
            "p50_ms": {str(f.size): round(m, 3) for f, m in zip(series, medians, strict=True)},
            "exponent": round(exponent, 3),
            "shape": "flat" if exponent < 0.15 else "sublinear" if exponent < 0.7 else "linear",
        }
        if len(floors) == len(series):
            row["baseline_p50_ms"] = {
                str(f.size): round(m, 3) for f, m in zip(series, floors, strict=True)
            }
            row["baseline_exponent"] = round(_exponent(floors, series[0].size, series[-1].size), 3)
        rows.append(row)
    return rows


def _exponent(values: list[float], first: int, last: int) -> float:
    return math.log(values[-1] / values[0]) / math.log(last / first)


def _value(figure: Figure) -> str:
    value = figure.value
    if isinstance(value, Latency):
        return f"{value.p50:.2f} / {value.p99:.2f} ms"
    return f"{value:,.2f} {figure.unit}" if value < 100 else f"{value:,.0f} {figure.unit}"


def _baseline(figure: Figure) -> str:
    base = figure.baseline
    if base is None:
        return "—"
    if isinstance(base, Latency):
        return f"{base.p50:.2f} / {base.p99:.2f} ms"
    return f"{base:,.2f} {figure.unit}" if base < 100 else f"{base:,.0f} {figure.unit}"


def _met(figure: Figure) -> str:
    return "" if figure.met is None else ("met" if figure.met else "NOT met")


def markdown(figures: list[Figure], meta: dict[str, Any]) -> str:
    """The table for the README: every figure with its baseline, ratio and target."""
    info = meta["machine"]
    lines = [
        f"Measured {meta['date'][:10]} on {info['cpu']} ({info['cores']} cores, shared), "
        f"Python {info['python']}, SQLite {info['sqlite']}; `{meta['command']}`"
        + (f", median of {meta['runs']} runs. " if meta.get("runs") else ". ")
        + "Latencies are median / p99 end to end (parse, store, render to text); ratio = "
        "figure / baseline (baseline / figure for rates), above 1 means slower than the floor. "
        "Targets (issue 7) are judged at 100,000 articles.",
        "",
        "| Figure | Articles | Value | Baseline | Ratio | Target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        target = f"{f.target} ({_met(f)})" if f.target and f.met is not None else f.target
        lines.append(
            f"| {f.name} | {f.size:,} | {_value(f)} | {_baseline(f)} "
            f"({f.baseline_name or '—'}) | {ratio} | {target} |"
        )
    rows = meta.get("growth") or []
    if rows:
        sizes = " | ".join(f"{int(s):,}" for s in rows[0]["p50_ms"])
        lines += [
            "",
            "Growth of the median with the library (k in p50 ~ size^k: 0 flat, 1 linear; "
            "the bare query's k beside it):",
            "",
            f"| Command | {sizes} | k | bare k |",
            "|---|" + "---:|" * (len(rows[0]["p50_ms"]) + 2),
        ]
        for row in rows:
            cells = " | ".join(f"{v:.2f} ms" for v in row["p50_ms"].values())
            bare = row.get("baseline_exponent", "—")
            lines.append(
                f"| {row['name']} | {cells} | {row['exponent']} ({row['shape']}) | {bare} |"
            )
    return "\n".join(lines)


def table(figures: list[Figure]) -> str:
    width = max((len(f.name) for f in figures), default=10)
    out = [
        f"{'figure':<{width}}  {'articles':>8}  {'value (p50 / p99)':>22}  "
        f"{'baseline':>22}  {'ratio':>7}  target"
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        target = f"{f.target} [{_met(f)}]" if f.target and f.met is not None else f.target
        out.append(
            f"{f.name:<{width}}  {f.size:>8,}  {_value(f):>22}  {_baseline(f):>22}  "
            f"{ratio:>7}  {target}"
        )
    return "\n".join(out)


def write(figures: list[Figure], meta: dict[str, Any], results: Path) -> tuple[Path, Path]:
    results.mkdir(parents=True, exist_ok=True)
    stamp = meta["date"].replace(":", "").replace("-", "")[:15]
    data = {**meta, "figures": [f.as_json() for f in figures]}
    json_path = results / f"bench-{stamp}.json"
    json_path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    md_path = results / f"bench-{stamp}.md"
    md_path.write_text(markdown(figures, meta) + "\n", encoding="utf-8")
    return json_path, md_path


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
