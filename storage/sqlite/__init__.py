"""The embedded engine: one SQLite file (aiosqlite, WAL, FTS5), nothing to set up."""

from storage.sqlite.open import open_sqlite

__all__ = ["open_sqlite"]
