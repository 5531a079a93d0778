"""The Emphasis page's data: the chart's measures, and where two outlets weigh the claims most differently."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parallax.plots.labels import clip_text

__all__ = ["MODES", "PAIR_ROWS", "pair_differences"]

MODES: dict[str, str] = {"prominence": "Prominence (how early)", "word_share": "Share of words"}
"""The heatmap's measure (the URL's `mode`): value -> the words shown."""
PAIR_ROWS = 12
"""Claims shown for a pair of outlets."""


def pair_differences(result: Mapping[str, Any], a: str, b: str, limit: int = PAIR_ROWS) -> list[dict[str, Any]]:
    """The claims two articles give the most different shares of their words, largest difference first.

    Rows are {"claim", "label" (clipped), "a", "b"}: the claim's id and each article's word share.
    """
    coverage = result["measures"]["claims"]
    rows = [
        {
            "claim": claim["id"],
            "label": clip_text(claim["label"], 100),
            "a": coverage[claim["id"]]["coverage"][a]["word_share"],
            "b": coverage[claim["id"]]["coverage"][b]["word_share"],
        }
        for claim in result["claims"]
    ]
    return sorted(rows, key=lambda row: -abs(row["a"] - row["b"]))[:limit]
