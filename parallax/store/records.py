"""Plain records the store hands back: a saved comparison, a listing line, a prune's report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

__all__ = ["ComparisonSummary", "PruneReport", "SavedComparison"]


@dataclass(frozen=True)
class PruneReport:
    """What a prune removed (or, in a dry run, would remove): how many comparisons and their bytes."""

    comparisons: int
    bytes: int
    cutoff: datetime
    removed: bool


@dataclass(frozen=True)
class SavedComparison:
    """A saved comparison as it was saved: inputs, settings, model, full result and passage vectors."""

    id: str
    created_at: datetime
    model: str
    settings: dict[str, Any]
    inputs: dict[str, Any]
    result: dict[str, Any]
    vectors: dict[str, np.ndarray] | None = field(default=None, compare=False, repr=False)
    event: str = ""


@dataclass(frozen=True)
class ComparisonSummary:
    """One line of the store's listing: enough to pick a comparison without loading it."""

    id: str
    created_at: datetime
    event: str
    model: str
    articles: int
    schema_version: int


