"""Each outlet's passages spread along one scale, with the outlet's mean: tone, or a semantic axis."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import outlet_colors
from parallax.plots.labels import clip_text, escape_label, hover_text, outlet_labels
from parallax.plots.style import TRANSPARENT, outlet_axis, style_figure

__all__ = ["spread_chart", "tone_chart", "axis_chart"]

_KEY_GREY = "#8A8A8A"


def spread_chart(
    result: Mapping[str, Any],
    values: Mapping[str, float],
    means: Mapping[str, float],
    value_words: str,
    extra: Mapping[str, str] | None = None,
) -> go.Figure:
    """One row per outlet: a box with every passage as a dot (hover shows it) and a diamond at the mean.

    `values` maps passage id to its score, `means` article id to the figure the lens gives, and
    `extra` article id to words added to the mean's hover box. customdata of a dot is `[passage id]`.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    traces: list[go.BaseTraceType] = []
    for article in result["articles"]:
        aid, shown = article["id"], [p for p in article["passages"] if p["id"] in values]
        name = escape_label(labels[aid])
        traces.append(
            go.Box(
                x=[values[p["id"]] for p in shown],
                y=[aid] * len(shown),
                orientation="h",
                name=name,
                boxpoints="all",
                jitter=0.5,
                pointpos=0,
                hoveron="points",
                line={"color": colors[aid], "width": 1.5},
                fillcolor=TRANSPARENT,
                marker={"color": colors[aid], "size": 7, "opacity": 0.75},
                customdata=[[p["id"]] for p in shown],
                text=[
                    f"<b>{name}</b>, passage {p['index'] + 1}: {value_words} {values[p['id']]:+.2f}"
                    f"<br><br>{hover_text(p['text'])}"
                    for p in shown
                ],
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )
    ids = [a["id"] for a in result["articles"] if a["id"] in means]
    diamond = {"symbol": "diamond", "size": 15, "line": {"color": "white", "width": 2}}
    traces.append(
        go.Scatter(
            x=[means[i] for i in ids],
            y=ids,
            mode="markers",
            name="mean",
            marker={**diamond, "color": [colors[i] for i in ids]},
            text=[
                f"<b>{escape_label(labels[i])}</b>: mean {value_words} {means[i]:+.2f}{(extra or {}).get(i, '')}"
                for i in ids
            ],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    traces.append(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="Mean of the outlet's passages",
            marker={**diamond, "color": _KEY_GREY},
            hoverinfo="skip",
        )
    )
    fig = go.Figure(traces)
    fig.update_layout(
        yaxis={**outlet_axis(result), "autorange": "reversed", "title": {"text": "Outlet"}},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.01, "x": 0},
    )
    fig.update_xaxes(showgrid=True, zeroline=True, zerolinewidth=2, zerolinecolor="rgba(128,128,128,0.6)")
    return fig


def tone_chart(result: Mapping[str, Any]) -> go.Figure:
    """Each outlet's passages by tone (VADER, -1 negative to +1 positive), with the outlet's mean tone."""
    tone = result["lenses"]["tone"]
    fig = spread_chart(result, tone["passages"], tone["articles"], "tone")
    fig.update_layout(
        xaxis={
            "range": [-1.05, 1.05],
            "title": {"text": "Tone of the passage (−1 most negative, 0 neutral, +1 most positive)"},
        }
    )
    fig = style_figure(fig, "How warm or cold each outlet's passages sound", 190 + 62 * len(result["articles"]))
    fig.update_layout(margin={"b": 95})
    return fig


def axis_chart(result: Mapping[str, Any], entry: Mapping[str, Any]) -> go.Figure:
    """Each outlet's passages placed on one semantic axis (left pole -, right pole +), with its mean.

    `entry` is one item of `lenses["axes"]`: {"axis", "positions", "outlets", ...}. The pole names sit
    at the two ends of the axis, with the phrases that define them.
    """
    axis, positions = entry["axis"], entry["positions"]
    summary = entry.get("outlets", {})
    means = {aid: s["mean"] for aid, s in summary.items()}
    extra = {aid: f" over {s['n']} passages (median {s['median']:+.2f})" for aid, s in summary.items()}
    left, right = axis["left"], axis["right"]
    fig = spread_chart(result, positions, means, "position", extra)
    reach = max([abs(v) for v in positions.values()] + [0.1]) * 1.15
    for side, pole, anchor in ((0, left, "left"), (1, right, "right")):
        arrow = ("← " if side == 0 else "") + f"<b>{escape_label(pole['label'])}</b>" + (" →" if side else "")
        fig.add_annotation(
            text=f"{arrow}<br>{escape_label(clip_text(', '.join(pole['phrases']), 60))}",
            xref="paper",
            yref="paper",
            x=side,
            y=1.0,
            xanchor=anchor,
            yanchor="bottom",
            align=anchor,
            showarrow=False,
            font={"size": 12},
        )
    fig.update_layout(
        xaxis={
            "range": [-reach, reach],
            "title": {
                "text": f"Position on the axis (below 0: nearer {escape_label(left['label'])}; "
                f"above 0: nearer {escape_label(right['label'])})"
            },
        }
    )
    title = (
        f"Where each outlet's passages fall between “{escape_label(left['label'])}” "
        f"and “{escape_label(right['label'])}”"
    )
    fig = style_figure(fig, title, 230 + 62 * len(result["articles"]))
    fig.update_layout(margin={"t": 110, "b": 95})
    return fig
