"""Where and how much each outlet reports each claim: emphasis heatmap, claim positions, pair divergence."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import outlet_colors
from parallax.plots.labels import clip_text, escape_label, hover_text, outlet_labels, wrap_label
from parallax.plots.style import TRANSPARENT, colored_label, column_wrap, outlet_axis, style_figure, tick_lines

__all__ = [
    "DIVERGENCE_SCALE",
    "EMPHASIS_MODES",
    "LABEL_WIDTH",
    "ROW_PX",
    "TOP_CLAIMS",
    "divergence_chart",
    "emphasis_heatmap",
    "pair_gaps",
    "position_chart",
    "ranked_claims",
]

EMPHASIS_MODES: dict[str, str] = {
    "prominence": "Prominence (1 = in the first passage)",
    "word_share": "Share of the article's words",
}
TOP_CLAIMS = 20
"""Claims the emphasis charts show unless asked for all of them."""
ROW_PX = 36
"""Height of one claim's row: two lines of its label."""
LABEL_WIDTH = 60
"""Characters per line of a claim's label on an axis; two lines hold nearly every label whole."""
_COLUMNS_ROOM = 88
"""Characters' width the outlet columns share beside two-line claim labels and the colour bar (at 1400 px)."""
_TICK_FONT = {"size": 11}
_SCALE = "Viridis"
_BAR_CHARS = 80
"""Characters of 12 px text a bar reaching 1 holds at the narrowest plot the app draws (1400 px window)."""
DIVERGENCE_SCALE = [[0.0, "#4C6EA8"], [1.0, "#1F2F6B"]]
"""Mid to deep blue: white text inside a bar reads on every shade (contrast 4.5:1 or more)."""


def _value(result: Mapping[str, Any], claim_id: str, article_id: str, mode: str) -> float:
    cell = result["measures"]["claims"].get(claim_id, {}).get("coverage", {}).get(article_id, {})
    return float(cell.get(mode) or 0.0) if cell.get("covered") else 0.0


def ranked_claims(result: Mapping[str, Any], mode: str = "prominence") -> list[Mapping[str, Any]]:
    """Claims ordered by how differently the outlets treat them, most different first.

    The spread is the standard deviation over outlets of the measure (0 where an outlet leaves the
    claim out). Claims two or more outlets report come first: a claim only one reports differs by
    being reported at all, which the findings already say.
    """
    ids = [a["id"] for a in result["articles"]]

    def spread(claim: Mapping[str, Any]) -> float:
        values = [_value(result, claim["id"], aid, mode) for aid in ids]
        return statistics.pstdev(values) if len(values) > 1 else 0.0

    order = {c["id"]: n for n, c in enumerate(result["claims"])}
    return sorted(result["claims"], key=lambda c: (len(c["outlets"]) < 2, -spread(c), order[c["id"]]))


def _top_margin(axis: Mapping[str, Any]) -> int:
    """Room above the plot for the title and an outlet axis on top (its names and its title) without overlap."""
    return 58 + 15 * tick_lines(axis) + 26


def emphasis_heatmap(result: Mapping[str, Any], mode: str = "prominence", top: int | None = TOP_CLAIMS) -> go.Figure:
    """Claims (rows) by outlets (columns): how prominently, or with what share of words, each reports it.

    Rows are the `top` claims outlets treat most differently (`ranked_claims`; None for all), each
    cell printed with its value on a colour scale fitted to the values shown. Cells an outlet does not
    report are empty. A transparent marker sits on every cell so a click selects it; its customdata
    is `[claim id, article id]`.
    """
    if mode not in EMPHASIS_MODES:
        raise ValueError(f"mode must be one of {', '.join(EMPHASIS_MODES)}, got {mode!r}")
    ranked = ranked_claims(result, mode)
    claims, ids = ranked[:top] if top else ranked, [a["id"] for a in result["articles"]]
    labels = outlet_labels(result)
    coverage = result["measures"]["claims"]
    z: list[list[float | None]] = []
    hover: list[list[str]] = []
    for claim in claims:
        row_z, row_h = [], []
        for aid in ids:
            cell = coverage.get(claim["id"], {}).get("coverage", {}).get(aid, {})
            value = cell.get(mode) if cell.get("covered") else None
            row_z.append(value)
            shown = "not reported" if value is None else _value_text(mode, cell)
            row_h.append(f"<b>{escape_label(labels[aid])}</b>: {shown}<br><br>{hover_text(claim['label'])}")
        z.append(row_z)
        hover.append(row_h)
    values = [v for row in z for v in row if v is not None] or [0.0, 1.0]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    share = mode == "word_share"
    heat = go.Heatmap(
        z=z,
        x=ids,
        y=[c["id"] for c in claims],
        zmin=low,
        zmax=high,
        colorscale=_SCALE,
        texttemplate="%{z:.0%}" if share else "%{z:.2f}",
        textfont={"size": 12},
        hoverinfo="skip",
        colorbar={
            "title": {"text": EMPHASIS_MODES[mode], "side": "right"},
            "tickformat": ".0%" if share else ".2f",
            "lenmode": "pixels",
            "len": min(320, ROW_PX * max(len(claims), 4)),
            "thickness": 14,
            "y": 1,
            "yanchor": "top",
        },
        hoverongaps=False,
    )
    cells = [(c["id"], aid, hover[r][k]) for r, c in enumerate(claims) for k, aid in enumerate(ids)]
    picker = go.Scatter(
        x=[aid for _, aid, _ in cells],
        y=[cid for cid, _, _ in cells],
        mode="markers",
        marker={"symbol": "square", "size": ROW_PX - 6, "color": TRANSPARENT},
        customdata=[[cid, aid] for cid, aid, _ in cells],
        text=[h for _, _, h in cells],
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="claims",
    )
    fig = go.Figure([heat, picker])
    xaxis = {
        **outlet_axis(result, wrap=column_wrap(len(ids), _COLUMNS_ROOM)),
        "tickfont": _TICK_FONT,
        "side": "top",
        "title": {"text": "Outlet"},
    }
    fig.update_layout(
        xaxis={**xaxis, "range": [-0.5, len(ids) - 0.5]},
        yaxis={
            "type": "category",
            "range": [len(claims) - 0.5, -0.5],
            "tickmode": "array",
            "tickvals": [c["id"] for c in claims],
            "ticktext": [wrap_label(c["label"], LABEL_WIDTH) for c in claims],
            "tickfont": _TICK_FONT,
            "title": {"text": "Claim (outlets differ most on the first)"},
        },
        hoverdistance=ROW_PX * 2,
    )
    title = (
        "Where each outlet places each claim" if mode == "prominence" else "How much of each article each claim takes"
    )
    top_px = _top_margin(xaxis)
    fig = style_figure(fig, title, top_px + 40 + ROW_PX * len(claims))
    fig.update_layout(margin={"t": top_px})
    return fig


def _value_text(mode: str, cell: Mapping[str, Any]) -> str:
    if mode == "word_share":
        return f"{cell['word_share']:.1%} of its words"
    where = "its lead" if cell.get("lead") else f"at {cell.get('position') or 0:.0%} of the way down"
    return f"prominence {cell['prominence']:.2f} ({where})"


def position_chart(result: Mapping[str, Any], top: int | None = TOP_CLAIMS) -> go.Figure:
    """Claims several outlets report (rows) and where each outlet places it (dots in its colour, 0 = first).

    Rows are the `top` shared claims whose places differ most (None for all); a grey line joins
    the earliest and the latest place. One marker trace per outlet, named in the legend; the
    customdata of a dot is `[claim id, passage id]`.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    coverage = result["measures"]["claims"]
    article_of = {p["id"]: a["id"] for a in result["articles"] for p in a["passages"]}
    passage_of = {(article_of.get(pid, ""), c["id"]): pid for c in result["claims"] for pid in reversed(c["passages"])}

    def places(claim: Mapping[str, Any]) -> dict[str, float]:
        cells = coverage.get(claim["id"], {}).get("coverage", {})
        return {aid: float(cell["position"]) for aid, cell in cells.items() if cell.get("covered")}

    shared = [c for c in result["claims"] if len(places(c)) > 1]
    shared.sort(key=lambda c: -(max(places(c).values()) - min(places(c).values())))
    claims = shared[:top] if top else shared
    rows = [c["id"] for c in claims]
    spans_x: list[float | None] = []
    spans_y: list[str | None] = []
    for claim in claims:
        where = places(claim).values()
        spans_x += [min(where), max(where), None]
        spans_y += [claim["id"], claim["id"], None]
    traces: list[go.BaseTraceType] = [
        go.Scatter(
            x=spans_x,
            y=spans_y,
            mode="lines",
            line={"color": "rgba(128,128,128,0.55)", "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    ]
    for article in result["articles"]:
        aid = article["id"]
        mine = [c for c in claims if aid in places(c)]
        traces.append(
            go.Scatter(
                x=[places(c)[aid] for c in mine],
                y=[c["id"] for c in mine],
                mode="markers",
                name=escape_label(labels[aid]),
                marker={"size": 12, "color": colors[aid], "line": {"color": "white", "width": 1}},
                customdata=[[c["id"], passage_of.get((aid, c["id"]), "")] for c in mine],
                text=[
                    f"<b>{escape_label(labels[aid])}</b>: "
                    + ("its lead" if places(c)[aid] == 0 else f"{places(c)[aid]:.0%} of the way down")
                    + f"<br><br>{hover_text(c['label'])}"
                    for c in mine
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        xaxis={
            "range": [-0.04, 1.04],
            "tickformat": ".0%",
            "showgrid": True,
            "title": {"text": "Place in the article (0% = its first passage, 100% = its last)"},
        },
        yaxis={
            "type": "category",
            "range": [len(rows) - 0.5, -0.5],
            "tickmode": "array",
            "tickvals": rows,
            "ticktext": [wrap_label(c["label"], LABEL_WIDTH) for c in claims],
            "title": {"text": "Claim reported by several outlets"},
        },
        legend={
            "title": {"text": "Outlet "},
            "orientation": "h",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
        },
    )
    fig = style_figure(fig, "Where each outlet places the claims several report", 190 + ROW_PX * max(len(rows), 2))
    fig.update_layout(margin={"b": 100})
    return fig


def pair_gaps(result: Mapping[str, Any], a: str, b: str) -> list[dict[str, Any]]:
    """The claims two articles give the most different shares of their words, largest difference first.

    Rows are {"claim", "label", "a", "b"}: the claim's id, its label and each article's word share.
    """
    rows = [
        {
            "claim": c["id"],
            "label": c["label"],
            "a": _value(result, c["id"], a, "word_share"),
            "b": _value(result, c["id"], b, "word_share"),
        }
        for c in result["claims"]
    ]
    return sorted(rows, key=lambda row: -abs(row["a"] - row["b"]))


def _bar_text(value: float, label: str) -> str:
    """A bar's words: its value and, as far as the bar's length holds it, the claim that sets the pair apart."""
    prefix = f"{value:.2f} · most apart on: "
    room = int(_BAR_CHARS * value) - len(prefix)
    if not label or room < 12:
        return f"{value:.2f}"
    return escape_label(prefix + clip_text(label, room))


def divergence_chart(result: Mapping[str, Any]) -> go.Figure:
    """Emphasis divergence per outlet pair as sorted bars, most different pair on top.

    Each bar names its pair on the axis and, inside as far as its length holds it, the claim that sets
    the two furthest apart (the hover lists the first three);
    its shade follows the divergence on a scale fitted to the pairs shown. customdata is
    `[article id, article id]` for each bar.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    pairs = sorted(result["measures"]["pairs"], key=lambda p: -p["emphasis_divergence"])
    keys = [f"{p['a']}|{p['b']}" for p in pairs]
    names = [
        f"{colored_label(labels[p['a']], colors[p['a']])}<br>{colored_label(labels[p['b']], colors[p['b']])}"
        for p in pairs
    ]
    apart = [pair_gaps(result, p["a"], p["b"])[:3] for p in pairs]
    inside = [
        _bar_text(p["emphasis_divergence"], gaps[0]["label"] if gaps else "")
        for p, gaps in zip(pairs, apart, strict=True)
    ]
    hover = [
        f"<b>{escape_label(labels[p['a']])}</b> and <b>{escape_label(labels[p['b']])}</b><br>"
        f"divergence {p['emphasis_divergence']:.2f}, claims in common {p['coverage_similarity']:.0%}<br><br>"
        "Most apart on (share of each article's words):<br>"
        + "<br>".join(f"{g['a']:.0%} vs {g['b']:.0%}: {escape_label(clip_text(g['label'], 70))}" for g in gaps)
        for p, gaps in zip(pairs, apart, strict=True)
    ]
    values = [p["emphasis_divergence"] for p in pairs] or [0.0]
    fig = go.Figure(
        go.Bar(
            x=values if pairs else [],
            y=keys,
            orientation="h",
            marker={
                "color": values if pairs else [],
                "colorscale": DIVERGENCE_SCALE,
                "cmin": min(values),
                "cmax": max(max(values), min(values) + 1e-6),
            },
            customdata=[[p["a"], p["b"]] for p in pairs],
            text=inside,
            texttemplate="%{text}",
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": "white", "size": 12},
            constraintext="none",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={
            "range": [0, 1],
            "title": {"text": "Emphasis divergence (0 = same emphasis, 1 = nothing alike)"},
            "showgrid": True,
        },
        yaxis={
            "type": "category",
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": keys,
            "ticktext": names,
            "title": {"text": "Pair of outlets"},
        },
        bargap=0.25,
    )
    return style_figure(
        fig, "How differently each pair of outlets spreads its words over the claims", 150 + 40 * max(len(pairs), 1)
    )
