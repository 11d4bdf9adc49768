"""Remembers the rest of a multi-page result per person and place, for the `next` command."""

from __future__ import annotations

from collections import OrderedDict

from bot.models import Page, Reply, Request

MAX_KEPT = 1000


class Pager:
    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self._pending: OrderedDict[tuple[str, str], list[Page]] = OrderedDict()
        self._max = max_kept

    def remember(self, request: Request, reply: Reply) -> None:
        key = (request.place, request.user_id)
        self._pending.pop(key, None)
        if len(reply.pages) > 1:
            self._pending[key] = list(reply.pages[1:])
            while len(self._pending) > self._max:
                self._pending.popitem(last=False)

    def next(self, request: Request) -> Page | None:
        key = (request.place, request.user_id)
        pages = self._pending.get(key)
        if not pages:
            return None
        page = pages.pop(0)
        if not pages:
            del self._pending[key]
        return page
