"""Bulk ingestion (`articlebot ingest`): files, folders and URLs into one community's library.

Files are read, cleaned and analysed in a pool of worker processes (analysis is CPU-bound pure
Python, so threads would share one core), in chunks; each analysed chunk is written in one
transaction. Ingestion is resumable: articles already in the library are recognised by their
content hash and skipped before analysis, so running the same command again after an
interruption adds only what is missing, at the cost of reading the files again.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.ingest.document import IngestError, content_hash
from bot.ingest.pipeline import analyse
from bot.ingest.text import from_file
from bot.ingest.web import FetchError, ingest_url
from bot.library import Library
from storage import NewArticle

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml")
CHUNK = 64  # files per worker task and per write transaction
OPTIMIZE_AFTER = 500  # articles added in one run, after which the FTS indexes are merged
ACTOR, PLACE = "cli (ingest)", "cli"
Progress = Callable[[int, int], None]  # (done, total)

Analysed = tuple[str, NewArticle | str | None]  # (path, the article, why it failed, or None
# when the library already holds that text)


def expand(paths: list[str]) -> tuple[list[str], list[Path], list[tuple[str, str]]]:
    """Split arguments into URLs and files, each once (folders walked, hidden files left out);
    missing paths and files of unsupported types are reported as failures."""
    urls: dict[str, None] = {}
    files: dict[Path, None] = {}
    failed: list[tuple[str, str]] = []
    for item in paths:
        if item.startswith(("http://", "https://")):
            urls[item] = None
            continue
        path = Path(item)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if not found.is_file() or any(part.startswith(".") for part in relative):
                    continue
                if found.suffix.lower() in SUFFIXES:
                    files[found.resolve()] = None
                else:
                    failed.append((str(found), f"{found.suffix or 'this'} files are not supported"))
        elif path.is_file():
            files[path.resolve()] = None
        else:
            failed.append((item, "no such file or folder"))
    return list(urls), list(files), list(dict.fromkeys(failed))


_known: frozenset[str] = frozenset()  # content hashes already in the library


def remember(known: frozenset[str]) -> None:
    """What the library holds, so a resumed ingestion skips it before analysis."""
    global _known
    _known = known


def start_worker(known: frozenset[str]) -> None:
    """Set up an analysis process (never the calling one: it may be a running bot).

    Workers yield the CPU to the process that writes and to a bot serving chat on the same
    machine: at normal priority, analysis on every core delays its event loop by tens of
    milliseconds at a time.
    """
    remember(known)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    with contextlib.suppress(OSError):
        os.nice(10)


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone: after a kill -9 of `articlebot ingest` the
    pool never shuts down, and its workers would wait forever on their queue."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def analyse_files(paths: Sequence[Path], limit: int) -> list[Analysed]:
    """Read, clean and analyse files (runs in a worker); None for text already stored."""
    results: list[Analysed] = []
    for path in paths:
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
            doc = from_file(path.name, data, limit)
            known = content_hash(doc.text) in _known
            results.append((str(path), None if known else analyse(doc)))
        except (IngestError, OSError) as err:
            results.append((str(path), str(err)))
    return results


@dataclass
class Tally:
    """What a bulk ingestion did."""

    added: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path or URL, why)


async def _ingest_files(
    library: Library,
    files: list[Path],
    limit: int,
    executor: Executor | None,
    workers: int,
    tally: Tally,
    progress: Progress,
    total: int,
) -> None:
    """Analyse chunks in the executor, a few in flight, writing each one as it arrives."""
    loop = asyncio.get_running_loop()
    pending: deque[asyncio.Future[list[Analysed]]] = deque()
    done = 0

    async def write_oldest() -> None:
        nonlocal done
        results = await pending.popleft()
        articles = [item for _, item in results if isinstance(item, NewArticle)]
        tally.failed.extend((path, item) for path, item in results if isinstance(item, str))
        ids = await library.add_analysed(articles, ACTOR, PLACE)
        tally.added += sum(1 for i in ids if i is not None)
        tally.duplicates += sum(1 for i in ids if i is None)
        tally.duplicates += sum(1 for _, item in results if item is None)
        done += len(results)
        progress(done, total)

    for start in range(0, len(files), CHUNK):
        chunk = files[start : start + CHUNK]
        pending.append(loop.run_in_executor(executor, analyse_files, chunk, limit))
        if len(pending) > 2 * max(workers, 1):
            await write_oldest()
    while pending:
        await write_oldest()


async def ingest(
    library: Library,
    paths: list[str],
    settings: Settings,
    workers: int | None = None,
    progress: Progress = lambda done, total: None,
) -> Tally:
    """Add everything under `paths`; `workers` analysis processes (0: in this process)."""
    urls, files, failed = expand(paths)
    tally = Tally(failed=failed)
    total = len(urls) + len(files)
    workers = min(os.cpu_count() or 1, 8) if workers is None else workers
    limit = settings.max_upload_bytes
    if files:
        known = await library.content_hashes()
        if workers > 0 and len(files) > CHUNK:
            pool = ProcessPoolExecutor(workers, initializer=start_worker, initargs=(known,))
            try:
                await _ingest_files(library, files, limit, pool, workers, tally, progress, total)
            finally:  # joining the workers takes tens of ms: not on the event loop
                await asyncio.to_thread(pool.shutdown)
        else:  # a few files: not worth starting processes; a thread keeps the loop free
            remember(known)
            await _ingest_files(library, files, limit, None, 0, tally, progress, total)
    for index, url in enumerate(urls, len(files) + 1):
        try:
            added, _ = await ingest_url(library, url, settings, ACTOR, PLACE)
        except (FetchError, IngestError) as err:
            tally.failed.append((url, str(err)))
        else:
            tally.duplicates += added.duplicate
            tally.added += not added.duplicate
        progress(index, total)
    return tally
