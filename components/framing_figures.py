"""Plotly figures of the framing lenses: tone, distinctive words, voices and a semantic axis per outlet.

Like `components.figures`, every builder takes the schema-1 result dict (and, for the axis, one entry
of `lenses["axes"]`) and returns a `go.Figure` without importing Streamlit, so the app, the HTML
report and the command line can share them. Outlets keep the colours of every other page; article
text, outlet names, voices and axis labels are escaped before they reach a label or a hover box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.colors import outlet_colors
from components.figures import _hover, _outlet_axis, _style, _tick, outlet_labels, short_label

__all__ = ["WORDS_SHOWN", "tone_chart", "words_chart", "voices_chart", "axis_chart"]

WORDS_SHOWN = 8
"""Terms per outlet in the words chart; the page lists the rest."""
_PANEL_COLUMNS = 3
_PANEL_PX = 26 * WORDS_SHOWN + 70
_KEY_GREY = "#8A8A8A"


def _esc(text: str) -> str:
    return escape(str(text), quote=False)


def _spread_chart(
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
        name = _esc(labels[aid])
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
                fillcolor="rgba(0,0,0,0)",
                marker={"color": colors[aid], "size": 7, "opacity": 0.75},
                customdata=[[p["id"]] for p in shown],
                text=[
                    f"<b>{name}</b>, passage {p['index'] + 1}: {value_words} {values[p['id']]:+.2f}"
                    f"<br><br>{_hover(p['text'])}"
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
                f"<b>{_esc(labels[i])}</b>: mean {value_words} {means[i]:+.2f}{(extra or {}).get(i, '')}"
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
        yaxis={**_outlet_axis(result), "autorange": "reversed", "title": {"text": "Outlet"}},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.01, "x": 0},
    )
    fig.update_xaxes(showgrid=True, zeroline=True, zerolinewidth=2, zerolinecolor="rgba(128,128,128,0.6)")
    return fig


def tone_chart(result: Mapping[str, Any]) -> go.Figure:
    """Each outlet's passages by tone (VADER, -1 negative to +1 positive), with the outlet's mean tone."""
    tone = result["lenses"]["tone"]
    fig = _spread_chart(result, tone["passages"], tone["articles"], "tone")
    fig.update_layout(
        xaxis={
            "range": [-1.05, 1.05],
            "title": {"text": "Tone of the passage (−1 most negative, 0 neutral, +1 most positive)"},
        }
    )
    fig = _style(fig, "How warm or cold each outlet's passages sound", 190 + 62 * len(result["articles"]))
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
    fig = _spread_chart(result, positions, means, "position", extra)
    reach = max([abs(v) for v in positions.values()] + [0.1]) * 1.15
    for side, pole, anchor in ((0, left, "left"), (1, right, "right")):
        arrow = ("← " if side == 0 else "") + f"<b>{_esc(pole['label'])}</b>" + (" →" if side else "")
        fig.add_annotation(
            text=f"{arrow}<br>{_esc(short_label(', '.join(pole['phrases']), 60))}",
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
                "text": f"Position on the axis (below 0: nearer {_esc(left['label'])}; "
                f"above 0: nearer {_esc(right['label'])})"
            },
        }
    )
    title = f"Where each outlet's passages fall between “{_esc(left['label'])}” and “{_esc(right['label'])}”"
    fig = _style(fig, title, 230 + 62 * len(result["articles"]))
    fig.update_layout(margin={"t": 110, "b": 95})
    return fig


def words_chart(
    result: Mapping[str, Any], article_ids: Sequence[str] | None = None, top: int = WORDS_SHOWN
) -> go.Figure:
    """One small panel per outlet: its `top` most distinctive terms as bars of z-scores, largest on top.

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
        subplot_titles=[_tick(labels[i], colors[i]) for i in ids],
    )
    widest = 1.0
    for n, aid in enumerate(ids):
        found = terms.get(aid, [])[:top]
        widest = max([widest, *(t["z"] for t in found)])
        row, col = n // columns + 1, n % columns + 1
        fig.add_trace(
            go.Bar(
                x=[t["z"] for t in found],
                y=[t["term"] for t in found],
                orientation="h",
                name=_esc(labels[aid]),
                marker={"color": colors[aid]},
                customdata=[[aid, t["term"]] for t in found],
                text=[
                    f"<b>{_esc(t['term'])}</b> in {_esc(labels[aid])}: z {t['z']:.2f}<br>"
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
            ticktext=[_esc(t["term"]) for t in found],
            row=row,
            col=col,
        )
        if not found:
            fig.add_annotation(
                text="No word stands out",
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
    fig = _style(fig, "Words each outlet uses more than the others", 90 + _PANEL_PX * rows)
    fig.update_layout(yaxis={"title": {"text": "Term"}}, margin={"t": 80})
    return fig


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
                name=_esc(labels[aid]),
                marker={"color": colors[aid]},
                customdata=[[aid, v] for v in voices],
                text=[
                    f"<b>{_esc(labels[aid])}</b> quotes <b>{_esc(v)}</b>: {rows[v]['words']} words in "
                    f"{rows[v]['quotes']} quotes ({rows[v]['direct']} direct, {rows[v]['indirect']} reported)"
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
            "ticktext": [_esc(v) for v in voices],
            "title": {"text": "Voice"},
        },
        legend={"title": {"text": "Outlet"}, "traceorder": "normal"},
    )
    return _style(fig, "Whom each outlet lets speak, and for how many words", 190 + 28 * max(len(voices), 1))
