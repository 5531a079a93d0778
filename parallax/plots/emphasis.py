"""Where and how much each outlet reports each claim: emphasis heatmap, positions, pair divergence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.colors import claim_colors, outlet_colors
from parallax.plots.labels import claim_of_passage, clip_text, escape_label, hover_text, outlet_labels
from parallax.plots.style import TRANSPARENT, colored_label, outlet_axis, style_figure

__all__ = ["EMPHASIS_MODES", "ROW_PX", "emphasis_heatmap", "position_chart", "divergence_chart"]

EMPHASIS_MODES: dict[str, str] = {
    "prominence": "Prominence (1 = in the first passage)",
    "word_share": "Share of the article's words",
}
ROW_PX = 24
"""Height of one claim's row in the emphasis heatmap."""
_SCALE = "Viridis"
_BAR_COLOR = "#7F7FBF"


def emphasis_heatmap(result: Mapping[str, Any], mode: str = "prominence") -> go.Figure:
    """Claims (rows) by outlets (columns): how prominently, or with what share of words, each reports it.

    Cells an outlet does not report are empty. A transparent marker sits on every cell so a click
    selects it; its customdata is `[claim id, article id]`.
    """
    if mode not in EMPHASIS_MODES:
        raise ValueError(f"mode must be one of {', '.join(EMPHASIS_MODES)}, got {mode!r}")
    claims, ids = result["claims"], [a["id"] for a in result["articles"]]
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
    heat = go.Heatmap(
        z=z,
        x=ids,
        y=[c["id"] for c in claims],
        zmin=0,
        zmax=1 if mode == "prominence" else max([v for r in z for v in r if v is not None] or [1.0]),
        colorscale=_SCALE,
        hoverinfo="skip",
        colorbar={
            "title": {"text": EMPHASIS_MODES[mode], "side": "right"},
            "tickformat": ".0%" if mode == "word_share" else "",
            "lenmode": "pixels",
            "len": 320,
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
        marker={"symbol": "square", "size": ROW_PX - 4, "color": TRANSPARENT},
        customdata=[[cid, aid] for cid, aid, _ in cells],
        text=[h for _, _, h in cells],
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="claims",
    )
    fig = go.Figure([heat, picker])
    fig.update_layout(
        xaxis={**outlet_axis(result), "side": "top", "title": {"text": "Outlet"}, "range": [-0.5, len(ids) - 0.5]},
        yaxis={
            "type": "category",
            "range": [len(claims) - 0.5, -0.5],
            "tickmode": "array",
            "tickvals": [c["id"] for c in claims],
            "ticktext": [escape_label(clip_text(c["label"])) for c in claims],
            "title": {"text": "Claim (most widely reported first)"},
        },
        hoverdistance=ROW_PX * 2,
    )
    title = (
        "Where each outlet places each claim"
        if mode == "prominence"
        else "How much of each outlet's article each claim takes"
    )
    fig = style_figure(fig, title, 200 + ROW_PX * len(claims))
    fig.update_layout(margin={"t": 80})
    return fig


def _value_text(mode: str, cell: Mapping[str, Any]) -> str:
    if mode == "word_share":
        return f"{cell['word_share']:.1%} of its words"
    where = "its lead" if cell.get("lead") else f"at {cell.get('position') or 0:.0%} of the way down"
    return f"prominence {cell['prominence']:.2f} ({where})"


def position_chart(result: Mapping[str, Any]) -> go.Figure:
    """One row per outlet, one marker per passage at its place in the article, coloured by claim.

    x is the passage's position (0 = first passage, 1 = last); customdata is `[claim id, passage id]`
    (claim id "" for a passage in no claim). Grey markers are claims only that outlet reports.
    """
    labels, rings, fills = outlet_labels(result), outlet_colors(result), claim_colors(result)
    claim_by_passage = claim_of_passage(result)
    claim_label = {c["id"]: c["label"] for c in result["claims"]}
    traces = []
    for article in result["articles"]:
        passages = article["passages"]
        last = max(len(passages) - 1, 1)
        cids = [claim_by_passage.get(p["id"], "") for p in passages]
        hover = [
            f"<b>{escape_label(labels[article['id']])}</b>, passage {p['index'] + 1} of {len(passages)}"
            + (f"<br>Claim: {hover_text(claim_label[cid], 120)}" if cid else "")
            + f"<br><br>{hover_text(p['text'])}"
            for p, cid in zip(passages, cids, strict=True)
        ]
        traces.append(
            go.Scatter(
                x=[i / last for i in range(len(passages))],
                y=[article["id"]] * len(passages),
                mode="markers",
                name=labels[article["id"]],
                marker={
                    "size": 13,
                    "color": [fills.get(cid, TRANSPARENT) for cid in cids],
                    "line": {"color": rings[article["id"]], "width": 2},
                },
                customdata=[[cid, p["id"]] for p, cid in zip(passages, cids, strict=True)],
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        xaxis={"range": [-0.04, 1.04], "title": {"text": "Position in the article (0 = first passage, 1 = last)"}},
        yaxis={**outlet_axis(result), "autorange": "reversed", "title": {"text": "Outlet"}},
    )
    fig.update_xaxes(showgrid=True, tickformat=".0%")
    return style_figure(fig, "Where in each article each claim appears (same colour = same claim)",
                        170 + 56 * len(result["articles"]))


def divergence_chart(result: Mapping[str, Any]) -> go.Figure:
    """Emphasis divergence per outlet pair as sorted bars, most different pair on top.

    customdata is `[article id, article id]` for each bar.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    pairs = sorted(result["measures"]["pairs"], key=lambda p: -p["emphasis_divergence"])
    keys = [f"{p['a']}|{p['b']}" for p in pairs]
    names = [
        f"{colored_label(labels[p['a']], colors[p['a']])} · {colored_label(labels[p['b']], colors[p['b']])}"
        for p in pairs
    ]
    hover = [
        f"{escape_label(labels[p['a']])} and {escape_label(labels[p['b']])}<br>"
        f"divergence {p['emphasis_divergence']:.2f}, claims in common {p['coverage_similarity']:.0%}"
        for p in pairs
    ]
    fig = go.Figure(
        go.Bar(
            x=[p["emphasis_divergence"] for p in pairs],
            y=keys,
            orientation="h",
            marker={"color": _BAR_COLOR},
            customdata=[[p["a"], p["b"]] for p in pairs],
            text=hover,
            texttemplate="%{x:.2f}",
            textposition="outside",
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={"range": [0, 1.08], "title": {"text": "Emphasis divergence (0 = same emphasis, 1 = nothing alike)"}},
        yaxis={
            "type": "category",
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": keys,
            "ticktext": names,
            "title": {"text": "Pair of outlets"},
        },
    )
    return style_figure(fig, "How differently each pair of outlets spreads its words over the claims",
                        150 + 30 * max(len(pairs), 1))
