"""The feed poller that runs inside the bot.

Each subscription (a feed URL in one place) is a `feeds` row with its own schedule, conditional
request headers and failure count; rows sharing a URL are fetched once per round. New entries
are ingested through the safe fetcher and announced as short cards, a few per place per round
and spaced out, the rest folded into one digest line so a burst of twenty never floods a room.

An entry is claimed in `feed_entries` *before* it is announced, and only the process whose
claim took announces it: after a crash it may go unannounced, but it is never announced twice,
across restarts and across processes sharing one library. Rounds run in one process at a time,
the holder of a lease that a dead process stops renewing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import secrets
import socket
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.backoff import backoff_delay
from bot.feeds.cards import Ingested, digest_card, entry_card, paused_card
from bot.feeds.parse import FeedEntry, ParsedFeed, parse_feed
from bot.ingest.fetch import FetchedPage, FetchError
from bot.models import Reply
from storage import FeedRow, Store

log = logging.getLogger(__name__)

FetchFeed = Callable[[str, Mapping[str, str]], Awaitable[FetchedPage]]
IngestEntry = Callable[[str, FeedRow], Awaitable[Ingested]]  # into the feed's community
Announce = Callable[[str, Reply], Awaitable[object]]
PrefixOf = Callable[[int], Awaitable[str]]  # a community's command prefix
LEASE = "feed-poller"


@dataclass(frozen=True)
class PollerConfig:
    tick_seconds: float = 30.0  # how often due feeds are looked for
    max_failures: int = 5  # failed polls in a row before a feed is paused
    max_backoff_seconds: float = 6 * 3600
    announce_gap_seconds: float = 3.0  # between two announcements
    cards_per_round: int = 5  # per place; further new entries go into one digest
    entries_per_round: int = 20  # ingested per feed per round; the rest wait for the next
    lease_ticks: float = 4.0  # the round's lease lasts this many ticks; renewed as it goes


class FeedPoller:
    def __init__(
        self,
        store: Store,
        *,
        fetch: FetchFeed,
        ingest: IngestEntry,
        announce: Announce,
        prefix_of: PrefixOf,
        config: PollerConfig | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        rng: random.Random | None = None,
    ):
        self.store = store
        self._fetch = fetch
        self._ingest = ingest
        self._announce = announce
        self._prefix_of = prefix_of
        self.config = config or PollerConfig()
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()

    async def run(self) -> None:
        """Poll due feeds until cancelled; one feed's trouble never stops the others.

        Each round waits a tick first, so the adapters have connected before anything is
        announced after a start.
        """
        while True:
            await self._sleep(self.config.tick_seconds)
            try:
                await self.poll_due()
            except Exception:
                log.exception("feed round failed")

    async def _lease(self) -> bool:
        seconds = self.config.lease_ticks * self.config.tick_seconds
        return await self.store.leases.take(LEASE, self.holder, self._clock(), seconds)

    async def poll_due(self) -> int:
        """Poll every feed whose time has come; returns how many feed URLs were fetched.

        Nothing is polled while another process holds the poller's lease."""
        if not await self._lease():
            return 0
        groups: dict[str, list[FeedRow]] = defaultdict(list)
        for row in await self.store.feed_jobs.due(self._clock()):
            groups[row.url].append(row)
        for url, rows in groups.items():
            if not await self._lease():
                log.warning("the feed poller's lease passed to another process mid-round")
                break
            try:
                await self._poll(url, rows)
            except Exception:  # e.g. the feed was removed mid-round; the others go on
                log.exception("polling %s failed", url)
        return len(groups)

    async def _poll(self, url: str, rows: Sequence[FeedRow]) -> None:
        try:
            page = await self._fetch(url, _conditional_headers(rows))
            feed = None if page.not_modified else parse_feed(page.body, page.url, page.content_type)
        except FetchError as err:
            await self._failed(rows, err.message)
            return
        except Exception as err:  # a bug or a parser crash must not stop the poller
            log.exception("feed %s failed", url)
            await self._failed(rows, f"unexpected error ({type(err).__name__})")
            return
        if feed is not None:
            await self._deliver(rows, feed)
        for row in rows:
            await self.store.feed_jobs.update(
                row.id,
                title=row.title or (feed.title if feed else ""),
                etag=page.headers.get("etag", row.etag),
                last_modified=page.headers.get("last-modified", row.last_modified),
                failures=0,
                next_poll_at=self._clock() + row.interval_seconds * self._rng.uniform(0.9, 1.1),
            )

    async def _deliver(self, rows: Sequence[FeedRow], feed: ParsedFeed) -> None:
        ingested: dict[tuple[int, str], Ingested] = {}
        for row in rows:
            keys = [e.key for e in feed.entries]
            seen = await self.store.feed_jobs.seen(row.id, keys)
            fresh = [e for e in feed.entries if e.key not in seen]
            fresh = fresh[: self.config.entries_per_round][::-1]  # oldest first
            shown = fresh[-self.config.cards_per_round :]
            folded = fresh[: len(fresh) - len(shown)]
            title = row.title or feed.title or row.url
            jobs = self.store.feed_jobs
            claimed = []
            for entry in folded:
                result = await self._ingested(entry, row, ingested)
                if await jobs.claim(row.id, entry.key, result.article_id):
                    claimed.append(entry)
            if claimed:
                prefix = await self._prefix_of(row.community_id)
                await self._post(row.place, digest_card(title, claimed, prefix))
            for entry in shown:
                result = await self._ingested(entry, row, ingested)
                if not await jobs.claim(row.id, entry.key, result.article_id):
                    continue  # another process announces it
                if await self._post(row.place, entry_card(entry, title, result)):
                    await jobs.announced(row.id, entry.key, result.article_id)

    async def _ingested(
        self, entry: FeedEntry, row: FeedRow, done: dict[tuple[int, str], Ingested]
    ) -> Ingested:
        """The entry's article, ingested once per round and community, whatever the number of
        places of that community following the feed."""
        key = (row.community_id, entry.key)
        if key in done:
            return done[key]
        result = Ingested()
        if entry.link:
            try:
                result = await self._ingest(entry.link, row)
            except FetchError as err:
                log.info("feed entry %s not ingested: %s", entry.link[:200], err.message)
            except Exception:
                log.exception("feed entry %s not ingested", entry.link[:200])
        done[key] = result
        return result

    async def _post(self, place: str, reply: Reply) -> bool:
        """Announce, spaced out from the previous announcement; False when it failed."""
        await self._lease()  # renewed: a round of many announcements outlasts a lease
        try:
            delivered = await self._announce(place, reply)
        except Exception:
            log.exception("announcement to %s failed", place)
            return False
        await self._sleep(self.config.announce_gap_seconds)
        return delivered is not False  # `Bot.announce` says False when no adapter serves it

    async def _failed(self, rows: Sequence[FeedRow], reason: str) -> None:
        for row in rows:
            failures = row.failures + 1
            if failures >= self.config.max_failures:
                await self.store.feed_jobs.update(row.id, failures=failures, paused_reason=reason)
                log.warning("feed %d (%s) paused: %s", row.id, row.url, reason)
                prefix = await self._prefix_of(row.community_id)
                await self._post(row.place, paused_card(row, failures, reason, prefix))
                continue
            delay = backoff_delay(
                failures, row.interval_seconds, self.config.max_backoff_seconds, self._rng
            )
            await self.store.feed_jobs.update(
                row.id, failures=failures, next_poll_at=self._clock() + delay
            )


def _conditional_headers(rows: Sequence[FeedRow]) -> dict[str, str]:
    """Validators only when every subscription has seen the same version of the feed, so a new
    subscription is never answered "not modified" before it has seen any entry."""
    headers: dict[str, str] = {}
    etags = {row.etag for row in rows}
    modified = {row.last_modified for row in rows}
    if len(etags) == 1 and "" not in etags:
        headers["If-None-Match"] = etags.pop()
    if len(modified) == 1 and "" not in modified:
        headers["If-Modified-Since"] = modified.pop()
    return headers
