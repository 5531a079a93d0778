"""Saved comparisons: an immutable, versioned store in SQLite (default) or PostgreSQL, for share links."""

from __future__ import annotations

from parallax.store.engine import SUPPORTED_SCHEMES, default_url, normalise_url, open_store
from parallax.store.errors import StoreError, StoreFull, UnknownComparison
from parallax.store.records import ComparisonSummary, PruneReport, SavedComparison
from parallax.store.rows import compact_inputs, expand_inputs, is_valid_id, new_id
from parallax.store.schema import STORE_VERSION, comparisons_table, meta_table
from parallax.store.store import Store

__all__ = [
    "STORE_VERSION",
    "SUPPORTED_SCHEMES",
    "ComparisonSummary",
    "PruneReport",
    "SavedComparison",
    "Store",
    "StoreError",
    "StoreFull",
    "UnknownComparison",
    "comparisons_table",
    "compact_inputs",
    "default_url",
    "expand_inputs",
    "is_valid_id",
    "meta_table",
    "new_id",
    "normalise_url",
    "open_store",
]
