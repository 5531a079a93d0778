"""The words each outlet uses more than the others: one panel of bars per outlet."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from parallax.lenses.words import CLEAR_Z
from parallax.plots.colors import outlet_colors
from parallax.plots.labels import escape_label, outlet_labels
from parallax.plots.style import colored_label, style_figure

__all__ = ["WORDS_SHOWN", "words_chart"]

WORDS_SHOWN = 8
"""Terms per outlet in the words chart; the page lists the rest."""
_PANEL_COLUMNS = 3
_MIN_SLOTS = 4
"""Bars keep one thickness: in a panel with fewer terms each bar is as thick as in one with this many."""
_PANEL_PX = 26 * WORDS_SHOWN + 70


def words_chart(
    result: Mapping[str, Any], article_ids: Sequence[str] | None = None, top: int = WORDS_SHOWN
) -> go.Figure:
    """One small panel per outlet: its `top` most distinctive terms at z >= CLEAR_Z (a clear
    preference) as bars of z-scores, largest on top.

    The x scale is shared, so panels compare. One bar trace per outlet (empty when nothing stands
    out); customdata of a bar is `[article id, term]`.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    terms = result["lenses"]["words"]["terms"]
    ids = [a["id"] for a in result["articles"] if article_ids is None or a["id"] in article_ids]
    columns = max(1, min(_PANEL_COLUMNS, len(ids)))
    rows = max(1, math.ceil(len(ids) / columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        horizontal_spacing=0.16 if columns > 1 else 0.0,
        vertical_spacing=0.3 / rows,
        subplot_titles=[colored_label(labels[i], colors[i]) for i in ids],
    )
    widest = 1.0
    for n, aid in enumerate(ids):
        found = [t for t in terms.get(aid, []) if t["z"] >= CLEAR_Z][:top]
        widest = max([widest, *(t["z"] for t in found)])
        row, col = n // columns + 1, n % columns + 1
        fig.add_trace(
            go.Bar(
                x=[t["z"] for t in found],
                y=[t["term"] for t in found],
                orientation="h",
                width=0.8 * min(1.0, len(found) / _MIN_SLOTS),
                name=escape_label(labels[aid]),
                marker={"color": colors[aid]},
                customdata=[[aid, t["term"]] for t in found],
                text=[
                    f"<b>{escape_label(t['term'])}</b> in {escape_label(labels[aid])}: z {t['z']:.2f}<br>"
                    f"used {t['count']} times here, {t['others']} times in all the others"
                    for t in found
                ],
                textposition="none",
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=col,
        )
        fig.update_yaxes(
            autorange="reversed",
            type="category",
            tickmode="array",
            tickvals=[t["term"] for t in found],
            ticktext=[escape_label(t["term"]) for t in found],
            row=row,
            col=col,
        )
        if not found:
            fig.add_annotation(
                text=f"No word at z ≥ {CLEAR_Z:g}",
                x=0.5,
                y=0.5,
                xref="x domain",
                yref="y domain",
                showarrow=False,
                row=row,
                col=col,
            )
    fig.update_xaxes(range=[0, widest * 1.08], showgrid=True)
    fig.update_xaxes(title_text="How distinctive (z-score)", row=rows)
    fig = style_figure(fig, "Words each outlet uses more than the others", 90 + _PANEL_PX * rows)
    fig.update_layout(yaxis={"title": {"text": "Term"}}, margin={"t": 80})
    return fig
