"""`python -m benchmarks [--sizes 1000,10000,100000] [--quick]`: the whole suite, one command.

For each library size and engine (SQLite, and PostgreSQL on a cluster of its own kept in
`benchmarks/.cache/pg`, or the server given by `--postgres`): the reading commands against
their bare queries, start-up, peak RSS and database size; then ingestion (text single and bulk,
HTML) and the event-loop lag during a bulk ingestion beside queries on the largest library.
Prints a table; writes JSON and a markdown summary to `benchmarks/results/`.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import report
from benchmarks.commands import measure_commands
from benchmarks.figures import Figure, Latency
from benchmarks.generate import articles
from benchmarks.ingestion import (
    FIRST_NEW,
    html_pages,
    measure_html,
    measure_text_ingestion,
    write_folder,
)
from benchmarks.libraries import (
    CACHE,
    ensure_library,
    ensure_postgres_library,
    working_copy,
)
from benchmarks.loop_lag import measure_loop_lag
from benchmarks.process import measure_process
from benchmarks.queries import QuerySet, pick_queries

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_SIZE = 100_000  # issue 7 sets the latency, memory and size targets at this library size
PARTS = ("commands", "process", "ingestion", "html", "lag")
ENGINES = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Plan:
    """How many samples each measurement takes."""

    queries: int = 300
    probe_runs: int = 5
    single: int = 300
    bulk: int = 3000
    html_pages: int = 134
    html_rounds: int = 3
    lag_articles: int = 2000
    lag_pages: int = 134


QUICK = Plan(
    queries=60,
    probe_runs=2,
    single=60,
    bulk=600,
    html_pages=30,
    html_rounds=1,
    lag_articles=400,
    lag_pages=10,
)


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "").replace("k", "000")) for part in text.split(",")})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive article counts, e.g. 1000,10000")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="fewer samples (a few minutes)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma list of {PARTS}")
    parser.add_argument("--cache", type=Path, default=CACHE, help="cached libraries")
    parser.add_argument("--results", type=Path, default=RESULTS, help="JSON and markdown")
    parser.add_argument("--queries", type=int, help="samples per command")
    parser.add_argument("--single", type=int, help="articles added one by one")
    parser.add_argument("--bulk", type=int, help="articles in the bulk ingestion")
    parser.add_argument("--html-pages", type=int, help="HTML pages extracted")
    parser.add_argument("--engines", default="sqlite,postgresql", help=f"comma list of {ENGINES}")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server (URL of its postgres database) for the benchmark's databases; "
        "default: a cluster of its own in the cache folder",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run everything N times; report the median run"
    )
    return parser.parse_args(argv)


def _plan(args: argparse.Namespace) -> Plan:
    base = QUICK if args.quick else Plan()
    return Plan(
        queries=args.queries or base.queries,
        probe_runs=base.probe_runs,
        single=args.single or base.single,
        bulk=args.bulk or base.bulk,
        html_pages=args.html_pages or base.html_pages,
        html_rounds=base.html_rounds,
        lag_articles=min(base.lag_articles, args.bulk or base.lag_articles),
        lag_pages=min(base.lag_pages, args.html_pages or base.lag_pages),
    )


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _postgres_server(args: argparse.Namespace) -> str:
    if args.postgres:
        return str(args.postgres)
    from tests.support.postgres import Cluster

    return Cluster(keep=args.cache / "pg").url()


def _measure(
    db: str, engine: str, size: int, queries: QuerySet, plan: Plan, parts: set[str], work: Path
) -> list[Figure]:
    measured: list[Figure] = []
    if "process" in parts:
        _say(f"[{size:,} {engine}] start-up, peak RSS, database size")
        measured += measure_process(db, size, queries, plan.probe_runs, work, engine)
    if "commands" in parts:
        _say(f"[{size:,} {engine}] commands end to end against bare queries")
        measured += asyncio.run(measure_commands(db, size, queries, engine))
    if size < TARGET_SIZE:  # shown for the growth, judged only at the target size
        for figure in measured:
            figure.met = None
    return measured


def run(args: argparse.Namespace, argv: Sequence[str]) -> tuple[list[Figure], dict[str, object]]:
    plan = _plan(args)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    engines = [e.strip() for e in args.engines.split(",") if e.strip() in ENGINES]
    server = _postgres_server(args) if "postgresql" in engines else ""
    work = args.cache / "work"
    work.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    for size in args.sizes:
        library = ensure_library(size, args.cache)
        db = work / f"library-{size}.db"
        for leftover in work.glob(db.name + "*"):
            leftover.unlink()
        shutil.copyfile(library, db)
        queries = pick_queries(db, plan.queries)
        if "sqlite" in engines:
            figures += _measure(str(db), "sqlite", size, queries, plan, parts, work)
        if server:
            cached = ensure_postgres_library(size, server, args.cache)
            copy = working_copy(server, cached, size)
            figures += _measure(copy, "postgresql", size, queries, plan, parts, work)
        if "lag" in parts and size == args.sizes[-1]:
            _say(f"[{size:,}] event-loop lag during a bulk ingestion beside queries")
            n = plan.lag_articles
            own = write_folder(articles(2 * FIRST_NEW, 2 * FIRST_NEW + n), work / "lag-own")
            shared = write_folder(articles(3 * FIRST_NEW, 3 * FIRST_NEW + n), work / "lag-in")
            pages = html_pages(plan.lag_pages)
            figures += measure_loop_lag(str(db), (own, shared), pages, size, queries)
        for leftover in work.glob(db.name + "*"):
            leftover.unlink()
    smallest = ensure_library(args.sizes[0], args.cache)
    if "ingestion" in parts:
        _say("text ingestion, single and bulk, against writing the same rows")
        figures += measure_text_ingestion(smallest, work, args.sizes[0], plan.single, plan.bulk)
    if "html" in parts:
        _say("HTML ingestion against trafilatura alone")
        figures += measure_html(args.sizes[0], plan.html_pages, plan.html_rounds)
    shutil.rmtree(work)  # working copies only; the cached libraries stay
    meta: dict[str, object] = {
        "date": report.now(),
        "machine": report.machine(),
        "command": " ".join(["python -m benchmarks", shlex.join(argv)]).strip(),
        "plan": plan.__dict__,
        "growth": report.growth(figures),
    }
    return figures, meta


def median_run(
    runs: list[tuple[list[Figure], dict[str, object]]],
) -> tuple[list[Figure], dict[str, object]]:
    """Each figure from the run where it was the median (by its p50, or its value), with every
    run's figures in its notes: on a shared machine one run can be unlucky."""
    figures, meta = runs[-1]
    if len(runs) == 1:
        return figures, meta
    chosen: list[Figure] = []
    for figure in runs[0][0]:
        same = [f for fs, _ in runs for f in fs if (f.name, f.size) == (figure.name, figure.size)]
        same.sort(key=lambda f: f.value.p50 if isinstance(f.value, Latency) else f.value)
        median = same[len(same) // 2]
        median.notes["runs"] = [
            f.value.__dict__ if isinstance(f.value, Latency) else f.value for f in same
        ]
        chosen.append(median)
    return chosen, {**meta, "runs": len(runs), "growth": report.growth(chosen)}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)
    runs = [run(args, argv) for _ in range(max(1, args.repeat))]
    figures, meta = median_run(runs)
    json_path, md_path = report.write(figures, meta, args.results)
    print(report.table(figures))
    print(f"\nJSON: {json_path}\nREADME summary: {md_path}")
    return 0
