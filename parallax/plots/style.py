"""The look every chart shares: transparent backgrounds, left titles, outlet names in outlet colours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import outlet_colors
from parallax.plots.labels import escape_label, outlet_labels

__all__ = ["TRANSPARENT", "colored_label", "outlet_axis", "style_figure"]

TRANSPARENT = "rgba(0,0,0,0)"
"""Backgrounds and invisible markers, so the figures read in light and dark themes alike."""


def colored_label(label: str, color: str) -> str:
    """The label, escaped, in the given colour: an outlet's name on an axis or a panel title."""
    return f'<span style="color:{color}">{escape_label(label)}</span>'


def style_figure(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The figure with the shared title, height, margins and transparent backgrounds."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        margin={"l": 10, "r": 10, "t": 60, "b": 50},
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(automargin=True, showgrid=False)
    fig.update_yaxes(automargin=True, showgrid=False)
    return fig


def outlet_axis(result: Mapping[str, Any]) -> dict[str, Any]:
    """A category axis over the article ids, ticked with each outlet's name in its colour."""
    labels, colors = outlet_labels(result), outlet_colors(result)
    ids = [a["id"] for a in result["articles"]]
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": ids,
        "ticktext": [colored_label(labels[i], colors[i]) for i in ids],
    }
