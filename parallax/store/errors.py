"""The store's errors: each message says what went wrong and what to do."""

from __future__ import annotations

__all__ = ["StoreError", "StoreFull", "UnknownComparison"]


class StoreError(Exception):
    """The store cannot be opened or used; the message says why and what to do."""


class UnknownComparison(StoreError, LookupError):
    """No saved comparison has this id (or the id is not one Parallax could have made)."""


class StoreFull(StoreError):
    """The store has reached its size quota; the message says how to make room."""
