"""The engine for more than one host: PostgreSQL (asyncpg, tsvector + GIN), one library shared
by several bot and ingestion processes."""

from storage.postgres.open import open_postgres

__all__ = ["open_postgres"]
