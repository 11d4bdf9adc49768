"""The benchmark suite runs end to end at a tiny size, so it cannot rot unnoticed.

Checks what the suite produces (every figure, with its baseline and ratio, as JSON and as a
markdown summary), never how fast anything is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.cli import main
from benchmarks.generate import WORDS_PER_ARTICLE, article
from tests.support.postgres import cluster

EXPECTED = {
    "quote <words>",
    "quote by:<speaker>",
    "search <words>",
    "summary (cached)",
    "summary (uncached)",
    "start-up to ready",
    "peak RSS of a running bot",
    "database size",
}


def test_generated_articles_look_like_news() -> None:
    first, again = article(3), article(3)
    assert first == again  # deterministic, so cached libraries stay valid
    assert abs(len(first.text.split()) - WORDS_PER_ARTICLE) < 150
    assert "“" in first.text and first.title and first.outlet and first.published


def test_suite_runs_and_reports_every_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results"
    code = main(
        [
            "--sizes", "30,60",
            "--quick",
            "--queries", "4",
            "--single", "3",
            "--bulk", "70",
            "--html-pages", "2",
            "--engines", "sqlite,postgresql",
            "--postgres", cluster().url(),
            "--cache", str(tmp_path / "cache"),
            "--results", str(results),
        ]
    )  # fmt: skip
    assert code == 0
    (json_path,) = results.glob("bench-*.json")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert {"date", "machine", "command", "plan", "growth", "figures"} <= set(data)
    figures = data["figures"]
    for size in (30, 60):
        names = {f["name"] for f in figures if f["size"] == size}
        assert names >= EXPECTED
        assert any(name.startswith("sources page") for name in names)
        assert {f"{name} (PostgreSQL)" for name in EXPECTED} <= names
    names = {f["name"] for f in figures}
    assert any("event-loop lag" in n for n in names)
    assert any("bulk" in n for n in names) and any("single" in n for n in names)
    assert any(n.startswith("HTML page to article") for n in names)
    (search,) = [f for f in figures if f["name"] == "search <words>" and f["size"] == 60]
    assert 0 <= search["notes"]["top_results_shared_with_full_ranking"]["mean"] <= 1
    for figure in figures:
        assert {"value", "baseline", "ratio", "target", "met", "unit"} <= set(figure)
        if figure["kind"] == "latency":
            assert {"p50", "p99", "max", "n"} <= set(figure["value"])
    assert {row["name"] for row in data["growth"]} >= {"quote <words>", "search <words>"}
    (summary,) = results.glob("bench-*.md")
    assert "| Figure |" in summary.read_text(encoding="utf-8")
    assert "quote <words>" in capsys.readouterr().out


def test_every_benchmark_module_imports() -> None:
    """The Matrix benchmarks run only by hand: at least their imports must hold."""
    import importlib
    import pkgutil

    import benchmarks

    names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name != "__main__"]
    assert {"matrix_burst", "matrix_latency"} <= set(names)
    for name in names:
        importlib.import_module(f"benchmarks.{name}")
