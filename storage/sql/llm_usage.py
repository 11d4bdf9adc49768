"""What a community spent of its daily budget of language-model requests.

A request is counted before it is sent, under the row's lock, so two processes sharing one
PostgreSQL library never let a community past its budget. Only the current day is kept.
"""

from __future__ import annotations

from storage.sql.database import Database


class LlmUsage:
    def __init__(self, db: Database, community: int) -> None:
        self._db = db
        self._community = community

    async def spend(self, day: str, budget: int) -> bool:
        """Count one request on `day` (YYYY-MM-DD); False, counting nothing, once `budget`
        requests were counted that day."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM llm_usage WHERE community_id = ? AND day < ?", self._community, day
            )
            row = await tx.fetchrow(
                "INSERT INTO llm_usage(community_id, day, requests) VALUES (?, ?, 1) "
                "ON CONFLICT (community_id, day) DO UPDATE SET requests = llm_usage.requests + 1 "
                "WHERE llm_usage.requests < ? RETURNING requests",
                self._community,
                day,
                budget,
            )
        return row is not None
