"""Feed subscriptions: parsing feeds and the poller that brings their new articles in."""

from __future__ import annotations

from collections.abc import Coroutine, Mapping
from typing import TYPE_CHECKING, Any

from bot.feeds.cards import Ingested
from bot.feeds.poller import FeedPoller
from bot.ingest.fetch import FEED_TYPES, FetchedPage, Fetcher
from bot.ingest.web import ingest_url
from storage import FeedRow

if TYPE_CHECKING:
    from bot.core import Bot

FEED_ACTOR = "feed poller"


def make_poller(bot: Bot, fetcher: Fetcher | None = None, **options: Any) -> FeedPoller:
    """A poller wired to the bot: the safe fetcher, the library's ingestion, `bot.announce`.

    `options` go to `FeedPoller` (clock, sleep, rng, config) so tests can drive it.
    """
    fetcher = fetcher or Fetcher.from_settings(bot.settings)

    async def fetch(url: str, headers: Mapping[str, str]) -> FetchedPage:
        return await fetcher.fetch(url, accept=FEED_TYPES, headers=headers)

    async def ingest(url: str, feed: FeedRow) -> Ingested:
        library = await bot.library_of(feed.community_id)
        if library is None:  # purged meanwhile
            return Ingested()
        added, _ = await ingest_url(
            library, url, bot.settings, FEED_ACTOR, feed.place, fetcher=fetcher
        )
        row = added.article
        summary = await library.extractive_summary(row, "short")
        return Ingested(row.id, library.ref(row), row.title, row.outlet, summary)

    async def prefix_of(community_id: int) -> str:
        community = await bot.communities.of_id(community_id)
        return community.settings.prefix if community else bot.settings.prefix

    return FeedPoller(
        bot.store, fetch=fetch, ingest=ingest, announce=bot.announce, prefix_of=prefix_of, **options
    )


def start_jobs(bot: Bot) -> list[Coroutine[Any, Any, None]]:
    """The background jobs of a running bot (see `Bot.background_jobs`)."""
    return [make_poller(bot).run()]
