"""Reading evaluation data sets (JSON lines) and writing predictions."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterable
from typing import Any

Item = dict[str, Any]


def load_items(path: pathlib.Path, limit: int | None = None) -> list[Item]:
    """The first `limit` JSON objects of a .jsonl file (all when `limit` is None)."""
    items: list[Item] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(items) >= limit:
                break
            if line.strip():
                items.append(json.loads(line))
    return items


def write_predictions(path: pathlib.Path, rows: Iterable[Item]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
