"""The Emphasis page's data: the chart's measures, and where two outlets weigh the claims most differently."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parallax.plots.emphasis import TOP_CLAIMS, pair_gaps
from parallax.plots.labels import clip_text

__all__ = ["MODES", "PAIR_ROWS", "TOP_CLAIMS", "pair_differences", "rows_note"]

MODES: dict[str, str] = {"prominence": "Prominence (how early)", "word_share": "Share of words"}
"""The heatmap's measure (the URL's `mode`): value -> the words shown."""
PAIR_ROWS = 12
"""Claims shown for a pair of outlets."""


def pair_differences(result: Mapping[str, Any], a: str, b: str, limit: int = PAIR_ROWS) -> list[dict[str, Any]]:
    """The claims two articles give the most different shares of their words, largest difference first.

    Rows are {"claim", "label" (clipped), "a", "b"}: the claim's id and each article's word share.
    """
    return [{**row, "label": clip_text(row["label"], 100)} for row in pair_gaps(result, a, b)[:limit]]


def rows_note(top: int | None, total: int, what: str) -> str:
    """What a chart of the `top` claims leaves out, in words; "" when it shows all `total` (`top` None: all)."""
    if top is None or top >= total:
        return ""
    return (
        f"Showing the {top} of {total} {what} on which the outlets differ most; "
        "switch on “Show all claims” for the rest."
    )
