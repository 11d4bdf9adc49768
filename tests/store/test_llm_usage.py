"""The daily budget of language-model requests, counted per community on both engines."""

from __future__ import annotations

import asyncio

from storage import Store
from tests.store.conftest import library_of


async def test_requests_are_counted_per_community_and_day(store: Store) -> None:
    a = await library_of(store, "test:a")
    b = await library_of(store, "test:b")
    assert [await a.llm_usage.spend("2026-01-01", 2) for _ in range(3)] == [True, True, False]
    assert await b.llm_usage.spend("2026-01-01", 2)  # another community's budget
    assert await a.llm_usage.spend("2026-01-02", 2)  # a new day


async def test_requests_at_once_never_pass_the_budget(store: Store) -> None:
    lib = await library_of(store, "test:a")
    spent = await asyncio.gather(*(lib.llm_usage.spend("2026-01-01", 5) for _ in range(12)))
    assert spent.count(True) == 5
