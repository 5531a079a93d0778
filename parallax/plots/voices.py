"""Whom each outlet lets speak: words quoted or reported per voice, stacked by outlet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import outlet_colors
from parallax.plots.labels import escape_label, outlet_labels
from parallax.plots.style import style_figure

__all__ = ["voices_chart"]


def voices_chart(result: Mapping[str, Any]) -> go.Figure:
    """Who is quoted and at what length: one bar per voice, most words first, split by the outlets quoting it.

    One stacked bar trace per outlet (outlet colours, named in the legend); customdata of a segment
    is `[article id, voice]`.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    by_article = result["lenses"]["voices"]["articles"]
    ids = [a["id"] for a in result["articles"]]
    totals: dict[str, int] = {}
    for aid in ids:
        for row in by_article.get(aid, []):
            totals[row["voice"]] = totals.get(row["voice"], 0) + int(row["words"])
    voices = sorted(totals, key=lambda v: (-totals[v], v))
    traces = []
    for aid in ids:
        rows = {row["voice"]: row for row in by_article.get(aid, [])}
        traces.append(
            go.Bar(
                x=[rows[v]["words"] if v in rows else None for v in voices],
                y=voices,
                orientation="h",
                name=escape_label(labels[aid]),
                marker={"color": colors[aid]},
                customdata=[[aid, v] for v in voices],
                text=[
                    f"<b>{escape_label(labels[aid])}</b> quotes <b>{escape_label(v)}</b>: {rows[v]['words']} words "
                    f"in {rows[v]['quotes']} quotes ({rows[v]['direct']} direct, {rows[v]['indirect']} reported)"
                    if v in rows
                    else ""
                    for v in voices
                ],
                textposition="none",
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        barmode="stack",
        xaxis={"title": {"text": "Words quoted or reported from this voice"}, "showgrid": True},
        yaxis={
            "type": "category",
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": voices,
            "ticktext": [escape_label(v) for v in voices],
            "title": {"text": "Voice"},
        },
        legend={"title": {"text": "Outlet"}, "traceorder": "normal"},
    )
    return style_figure(fig, "Whom each outlet lets speak, and for how many words", 190 + 28 * max(len(voices), 1))
