"""Distinct articles with quotations, generated for bulk ingestion (never copied text)."""

from __future__ import annotations

import random
from pathlib import Path

_PEOPLE = ("Ada Quill", "Ben Okoro", "Carla Mendes", "Dmitri Volk", "Elif Sahin", "Farid Nasser")
_PLACES = ("Vellmoor", "Ostrand", "Kellby", "Marrow Point", "Duneholm", "Tarrowgate")
_TOPICS = ("bridge", "library", "ferry", "school roof", "harbour wall", "tram line", "market")
_VERBS = ("voted", "argued", "agreed", "decided", "promised", "warned")
_WORDS = (
    "council", "budget", "repairs", "winter", "storm", "residents", "petition", "engineers",
    "grant", "heritage", "fund", "fishing", "crews", "berth", "survey", "inspection", "cost",
    "plan", "summer", "tender", "contract", "delay", "report", "committee", "hearing",
    "evidence", "audit", "lawyers", "drivers", "nurses", "teachers", "volunteers", "schedule",
)


def article(n: int) -> str:
    rng = random.Random(n)
    place, topic = _PLACES[n % len(_PLACES)], _TOPICS[n % len(_TOPICS)]
    a, b = rng.sample(_PEOPLE, 2)
    filler = lambda k: " ".join(rng.choice(_WORDS) for _ in range(k))  # noqa: E731
    return (
        f"{place} {rng.choice(_VERBS)} on the {topic}, report {n}\n"
        f"The town of {place} {rng.choice(_VERBS)} on Tuesday about the {topic}, "
        f"in report number {n}, after a long {filler(12)}.\n\n"
        f"“We will not wait another year for the {topic},” said {a}, who chairs the "
        f"committee. “The {filler(6)} cannot go on like this.”\n\n"
        f"Others disagreed. “The money for item {n} belongs to the {filler(4)},” said {b}.\n\n"
        f"The council will meet again next month to discuss the {filler(20)}.\n"
    )


def write(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:04d}.txt"
        path.write_text(article(n), encoding="utf-8")
        paths.append(path)
    return paths
