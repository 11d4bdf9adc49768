"""`articlebot ingest`: add files, folders and URLs in bulk, with progress and a summary."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import Settings
from bot.core import Bot
from bot.ingest.text import IngestError, from_file

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml")


def expand(paths: list[str]) -> tuple[list[str], list[Path], list[tuple[str, str]]]:
    """Split arguments into URLs and files (folders walked); missing paths are failures."""
    urls: list[str] = []
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for item in paths:
        if item.startswith(("http://", "https://")):
            urls.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            missing.append((item, "no such file or folder"))
    return urls, files, missing


def _progress(done: int, total: int) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


async def ingest(paths: list[str], settings: Settings) -> int:
    urls, files, failed = expand(paths)
    added = duplicates = 0
    total = len(urls) + len(files)
    bot = await Bot.open(settings)
    actor, place = "cli (ingest)", "cli"
    try:
        for index, path in enumerate(files, 1):
            try:
                with path.open("rb") as handle:
                    data = handle.read(settings.max_upload_bytes + 1)
                doc = from_file(path.name, data, settings.max_upload_bytes)
            except (IngestError, OSError) as err:
                failed.append((str(path), str(err)))
            else:
                result = await bot.library.add(doc, actor, place)
                duplicates += result.duplicate
                added += not result.duplicate
            _progress(index, total)
        for index, url in enumerate(urls, len(files) + 1):
            from bot.ingest.web import FetchError, fetch_article

            try:
                doc = await fetch_article(url, settings)
            except (FetchError, IngestError) as err:
                failed.append((url, str(err)))
            else:
                result = await bot.library.add(doc, actor, place)
                duplicates += result.duplicate
                added += not result.duplicate
            _progress(index, total)
    finally:
        await bot.close()
    print(f"added {added}, duplicates {duplicates}, failed {len(failed)}")
    for name, reason in failed:
        print(f"  failed: {name}: {reason}")
    return 1 if failed else 0
