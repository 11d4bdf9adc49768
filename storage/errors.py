"""What the store raises. No engine's own exception type reaches the core."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store could not complete an operation; nothing was changed."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (a server down, a connection lost); try again later."""


class DiskFull(StoreError):
    """The database's disk is full: nothing new can be stored, what is stored is safe."""


class Conflict(StoreError):
    """The change collides with data already there (a name taken, a link already made)."""
