"""The look every chart shares: transparent backgrounds, left titles, outlet names in outlet colours."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import outlet_colors
from parallax.plots.labels import escape_label, outlet_labels

__all__ = [
    "STAMP_PX",
    "STANDALONE_TEMPLATE",
    "TRANSPARENT",
    "colored_label",
    "column_wrap",
    "outlet_axis",
    "stamp_figure",
    "style_figure",
    "tick_lines",
]

TRANSPARENT = "rgba(0,0,0,0)"
"""Backgrounds and invisible markers, so the figures read in light and dark themes alike."""


def colored_label(label: str, color: str) -> str:
    """The label, escaped, in the given colour: an outlet's name on an axis or a panel title."""
    return f'<span style="color:{color}">{escape_label(label)}</span>'


def style_figure(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The figure with the shared title, height, margins and transparent backgrounds."""
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14, "l": 4},
        },
        height=height,
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        margin={"l": 10, "r": 10, "t": 60, "b": 50},
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(automargin=True, showgrid=False)
    fig.update_yaxes(automargin=True, showgrid=False)
    return fig


def outlet_axis(result: Mapping[str, Any], wrap: int | None = None) -> dict[str, Any]:
    """A category axis over the article ids, ticked with each outlet's name in its colour.

    With `wrap`, names longer than that many characters break onto more lines and the ticks stay
    level, so columns of outlets never need slanted names.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    ids = [a["id"] for a in result["articles"]]

    def tick(aid: str) -> str:
        lines = textwrap.wrap(labels[aid], wrap, break_long_words=False) if wrap else [labels[aid]]
        return "<br>".join(colored_label(line, colors[aid]) for line in lines or [""])

    axis: dict[str, Any] = {
        "type": "category",
        "tickmode": "array",
        "tickvals": ids,
        "ticktext": [tick(i) for i in ids],
    }
    if wrap:
        axis["tickangle"] = 0
    return axis


def column_wrap(columns: int, room: int) -> int:
    """Characters per line of an outlet's name over one of `columns` columns sharing `room` characters' width."""
    return max(8, min(16, room // max(columns, 1)))


def tick_lines(axis: Mapping[str, Any]) -> int:
    """The most lines any tick label of an axis takes."""
    return max([1, *(str(t).count("<br>") + 1 for t in axis.get("ticktext") or [])])


STANDALONE_TEMPLATE = "plotly_white"
"""The look of a chart outside the app (report, pictures), set on the figure: a process that imports Streamlit
makes Streamlit's own template the default, whose fonts the report's page does not have."""

STAMP_PX = 22
"""Room the line naming a pictured chart's event and settings takes under its title."""


def stamp_figure(fig: go.Figure, line: str) -> go.Figure:
    """A copy of the figure with `line` (the event and its settings) under its title, for a picture that travels.

    The top margin grows by the line's room, so the chart itself keeps its size and its title stays
    clear of the axis labels; the background turns white, as a picture's should.
    """
    stamped = go.Figure(fig)
    title = stamped.layout.title.text or ""
    top = stamped.layout.margin.t if stamped.layout.margin.t is not None else 60
    stamped.update_layout(
        title={
            "text": f'{title}<br><span style="font-size:12px;color:#555555">{escape_label(line)}</span>',
            "pad": {"t": 26, "l": 4},
        },
        height=(stamped.layout.height or 450) + STAMP_PX,
        margin={"t": top + STAMP_PX},
        paper_bgcolor="white",
        template=STANDALONE_TEMPLATE,
    )
    return stamped
