"""Ingestion: a text article end to end (single, and `articlebot ingest` of a folder), against
writing the same rows with no analysis; and HTML pages against trafilatura alone.

Every run writes into a fresh copy of the smallest cached library, so the figures include the
index maintenance of a library that is not empty.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.figures import Figure, Latency
from benchmarks.generate import Article, articles
from benchmarks.libraries import COMMUNITY, settings_for
from bot.core import Bot
from bot.ingest.pipeline import analyse
from bot.ingest.text import IngestError, from_file
from bot.models import Attachment, Request, Role
from storage import NewArticle

ROOT = Path(__file__).resolve().parent.parent
EVAL_HTML = ROOT.parent / "shared" / "eval" / "extraction" / "html" / "dev"
FIRST_NEW = 10_000_000  # generator indexes of new articles, far beyond any cached library


def _fresh(source: Path, target: Path) -> Path:
    for leftover in target.parent.glob(target.name + "*"):
        leftover.unlink()
    shutil.copyfile(source, target)
    return target


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else 0.0


async def _single(db: Path, batch: list[Article]) -> tuple[float, float, Latency]:
    """`!add` with an attached .txt, one after another, as a moderator does it.

    Returns articles per second of wall time, per CPU-second of this process (all its
    threads: the analysis runs in one), and the latency of each `!add`.
    """
    bot = await Bot.open(settings_for(db))
    times: list[float] = []
    cpu = time.process_time()
    try:
        for item in batch:
            request = Request(
                "mod",
                "Moderator",
                Role.MODERATOR,
                "console",
                text="!add",
                attachments=(Attachment(f"{item.index}.txt", item.as_file_text().encode()),),
                space=f"console:{COMMUNITY}",
            )
            began = time.perf_counter()
            reply = await bot.handle(request)
            times.append(time.perf_counter() - began)
            assert reply is not None and reply.kind.value != "error", reply
        cpu = time.process_time() - cpu
    finally:
        await bot.close()
    return _rate(len(times), sum(times)), _rate(len(times), cpu), Latency.of(times)


async def _write_only(db: Path, rows: list[NewArticle], batch: int) -> tuple[float, float]:
    """The floor: the same analysed rows written with no analysis (one per transaction, or
    `batch` per transaction as bulk ingestion does), per second of wall and of CPU time."""
    bot = await Bot.open(settings_for(db))
    try:
        library = await bot.library_named(COMMUNITY)
        began, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(rows), batch):
            await library.add_analysed(rows[start : start + batch], "bench", "bench")
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu
        return _rate(len(rows), wall), _rate(len(rows), cpu)
    finally:
        await bot.close()


def acceptable(batch: list[Article]) -> list[Article]:
    """The articles ingestion accepts: its plausibility checks refuse a few generated texts
    (say, one where "the" is 15% of the words), and a refusal is not what is measured."""
    keep = []
    for item in batch:
        try:
            from_file(f"{item.index}.txt", item.as_file_text().encode(), 10_000_000)
        except IngestError:
            continue
        keep.append(item)
    return keep


def write_folder(batch: list[Article], folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for item in acceptable(batch):
        (folder / f"{item.index:08d}.txt").write_text(item.as_file_text(), encoding="utf-8")
    return folder


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _bulk(db: Path, folder: Path, workers: int, cores: set[int] | None) -> tuple[float, float]:
    """`articlebot ingest FOLDER` in its own process: articles per second of wall time, and
    per CPU-second of that process and its workers (start-up included in both)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARTICLEBOT_DB": str(db)}
    env["ARTICLEBOT_LOG_LEVEL"] = "WARNING"
    preexec: Callable[[], None] | None = None
    if cores is not None:
        pinned = cores

        def preexec() -> None:
            os.sched_setaffinity(0, pinned)

    count = len(list(folder.iterdir()))
    cpu = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "ingest", "--workers", str(workers), str(folder)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        check=False,
    )
    seconds = time.perf_counter() - began
    cpu = _children_cpu() - cpu
    if f"added {count}," not in done.stdout:
        raise RuntimeError(f"bulk ingestion failed: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return _rate(count, seconds), _rate(count, cpu)


def measure_text_ingestion(
    seed_db: Path, work: Path, size: int, single_n: int, bulk_n: int
) -> list[Figure]:
    single_batch = acceptable(articles(FIRST_NEW, FIRST_NEW + single_n))
    bulk_batch = acceptable(articles(FIRST_NEW + single_n, FIRST_NEW + single_n + bulk_n))
    analysed_single = [analyse(a.document()) for a in single_batch]
    analysed_bulk = [analyse(a.document()) for a in bulk_batch]
    db = work / "ingest.db"

    single, single_cpu, single_latency = asyncio.run(_single(_fresh(seed_db, db), single_batch))
    floor_one, floor_one_cpu = asyncio.run(_write_only(_fresh(seed_db, db), analysed_single, 1))
    folder = write_folder(bulk_batch, work / "bulk-texts")
    one_core = {min(os.sched_getaffinity(0))}
    in_process, in_process_cpu = _bulk(_fresh(seed_db, db), folder, 0, one_core)
    cores = len(os.sched_getaffinity(0))
    bulk_all, bulk_all_cpu = _bulk(_fresh(seed_db, db), folder, cores, None)
    floor_bulk, floor_bulk_cpu = asyncio.run(_write_only(_fresh(seed_db, db), analysed_bulk, 64))
    shutil.rmtree(folder)
    same_rows = "same rows written, no analysis"
    batched = "same rows written in batches, no analysis"
    return [
        Figure(
            "text ingestion, single (!add a .txt), wall",
            size,
            "rate",
            single,
            "articles/s",
            floor_one,
            same_rows,
            notes={"latency_ms": single_latency.__dict__},
        ),
        Figure(
            "text ingestion, single (!add a .txt), per CPU-second",
            size,
            "rate",
            single_cpu,
            "articles/s",
            floor_one_cpu,
            same_rows,
            ">= 200/s on one core",
            single_cpu >= 200,
        ),
        Figure(
            "text ingestion, bulk (articlebot ingest), pinned to one core, wall",
            size,
            "rate",
            in_process,
            "articles/s",
            floor_bulk,
            batched,
            notes={"articles": len(bulk_batch)},
        ),
        Figure(
            "text ingestion, bulk (articlebot ingest), per CPU-second",
            size,
            "rate",
            max(in_process_cpu, bulk_all_cpu),
            "articles/s",
            floor_bulk_cpu,
            batched,
            ">= 1000/s on one core",
            max(in_process_cpu, bulk_all_cpu) >= 1000,
            {"in_process": in_process_cpu, "worker_processes": bulk_all_cpu},
        ),
        Figure(
            f"text ingestion, bulk (articlebot ingest), {cores} worker processes, wall",
            size,
            "rate",
            bulk_all,
            "articles/s",
            floor_bulk,
            batched,
            notes={"articles": len(bulk_batch)},
        ),
    ]


def html_pages(limit: int) -> list[tuple[str, bytes]]:
    """The extraction dev set when present (real pages), else generated pages."""
    if EVAL_HTML.is_dir():
        files = sorted(EVAL_HTML.glob("*.html.gz"))[:limit]
        return [(f.name.removesuffix(".gz"), gzip.decompress(f.read_bytes())) for f in files]
    return [
        (f"{a.index}.html", _as_html(a).encode()) for a in articles(FIRST_NEW, FIRST_NEW + limit)
    ]


def _as_html(item: Article) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in item.text.split("\n\n"))
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(12))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{item.title}</title>"
        f"<meta name='author' content='{item.author}'></head><body><nav><ul>{nav}</ul></nav>"
        f"<article><h1>{item.title}</h1><time datetime='{item.published}'></time>{paragraphs}"
        f"</article><footer>© {item.outlet}</footer></body></html>"
    )


def measure_html(size: int, pages_n: int, rounds: int) -> list[Figure]:
    import trafilatura

    pages = html_pages(pages_n)
    ours: list[float] = []
    floor: list[float] = []
    with_metadata: list[float] = []
    analysed: list[float] = []
    for _ in range(rounds):
        for index, (name, data) in enumerate(pages):
            order = (0, 1) if index % 2 else (1, 0)
            for side in order:
                began = time.perf_counter()
                if side == 0:
                    try:
                        doc = from_file(name, data, 10_000_000)
                    except ValueError:
                        doc = None
                    ours.append(time.perf_counter() - began)
                    if doc is not None:
                        began = time.perf_counter()
                        analyse(doc)
                        analysed.append(time.perf_counter() - began)
                else:
                    html = data.decode("utf-8", errors="replace")
                    trafilatura.extract(html)
                    floor.append(time.perf_counter() - began)
                    began = time.perf_counter()  # what the article card needs too
                    trafilatura.extract(html, with_metadata=True)
                    with_metadata.append(time.perf_counter() - began)
    source = "extraction dev set" if EVAL_HTML.is_dir() else "generated pages"
    value, base = Latency.of(ours), Latency.of(floor)
    total_ours, total_floor = sum(ours), sum(floor)
    return [
        Figure(
            f"HTML page to article ({source}, {len(pages)} pages)",
            size,
            "latency",
            value,
            "ms",
            base,
            "trafilatura.extract alone",
            "<= 1.3x trafilatura",
            value.p50 <= 1.3 * base.p50,
            {
                "total_ratio": total_ours / total_floor if total_floor else None,
                "trafilatura_with_metadata_ms": Latency.of(with_metadata).__dict__,
                "analysis_after_extraction_ms": Latency.of(analysed).__dict__ if analysed else None,
            },
        )
    ]
