"""How much of the same story each pair of outlets tells: the coverage heatmap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.labels import escape_label, outlet_labels
from parallax.plots.style import column_wrap, outlet_axis, style_figure

__all__ = ["SHARED_SCALE", "claim_overlap", "coverage_heatmap", "shade_range"]

SHARED_SCALE = [[0.0, "#2B1B5A"], [0.5, "#2C6E8F"], [1.0, "#1E7A5A"]]
"""Dark enough everywhere for white cell labels (contrast 4.5:1 or more), in light and dark themes."""


def claim_overlap(result: Mapping[str, Any]) -> list[list[float | None]]:
    """Per pair of articles, in article order, the share of their claims in common; None on the diagonal."""
    ids = [a["id"] for a in result["articles"]]
    sim: dict[tuple[str, str], float] = {}
    for pair in result["measures"]["pairs"]:
        sim[pair["a"], pair["b"]] = sim[pair["b"], pair["a"]] = pair["coverage_similarity"]
    return [[None if row == col else sim.get((row, col)) for col in ids] for row in ids]


def shade_range(shares: list[list[float | None]]) -> tuple[float, float]:
    """The shares the colour scale spans: those present, so the pairs that share most and least stand apart."""
    values = [v for row in shares for v in row if v is not None] or [0.0, 1.0]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = max(low - 0.5, 0.0), low + 0.5
    return low, high


def coverage_heatmap(result: Mapping[str, Any]) -> go.Figure:
    """Outlet-by-outlet share of claims in common (Jaccard of their claim sets); the diagonal is blank.

    The colour scale spans the values present, so the pairs that share most and least stand apart
    even when every pair shares little; each cell prints its value.
    """
    ids = [a["id"] for a in result["articles"]]
    labels = outlet_labels(result)
    z = claim_overlap(result)
    low, high = shade_range(z)
    hover = [
        [
            f"{escape_label(labels[row])} and {escape_label(labels[col])}<br>"
            + ("the same outlet" if row == col else f"{share or 0.0:.0%} of their claims in common")
            for col, share in zip(ids, shares, strict=True)
        ]
        for row, shares in zip(ids, z, strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=ids,
            y=ids,
            zmin=low,
            zmax=high,
            colorscale=SHARED_SCALE,
            text=hover,
            texttemplate="%{z:.0%}",
            textfont={"color": "white"},
            hoverongaps=False,
            hovertemplate="%{text}<extra></extra>",
            colorbar={
                "title": {"text": "Share of claims in common", "side": "right"},
                "tickformat": ".0%",
                "thickness": 14,
            },
        )
    )
    fig.update_layout(
        xaxis={**outlet_axis(result, wrap=column_wrap(len(ids), 100)), "tickfont": {"size": 11}},
        yaxis={**outlet_axis(result), "autorange": "reversed"},
    )
    fig.update_xaxes(title_text="Outlet")
    fig.update_yaxes(title_text="Outlet")
    return style_figure(fig, "How much of the same story each pair of outlets tells", 160 + 60 * len(ids))
