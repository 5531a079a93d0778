"""Plotly figures of a comparison result, shared by the app, the HTML report and the command line.

Every builder takes the schema-1 result dict and returns a `go.Figure`; nothing here imports
Streamlit. Article text is escaped before it reaches a label or a hover box, and backgrounds are
transparent so the figures read in light and dark themes alike.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from html import escape
from typing import Any

import plotly.graph_objects as go

from components.colors import claim_colors, outlet_colors

__all__ = [
    "EMPHASIS_MODES",
    "LABEL_CHARS",
    "ROW_PX",
    "claim_of_passage",
    "outlet_labels",
    "short_label",
    "coverage_heatmap",
    "emphasis_heatmap",
    "position_chart",
    "divergence_chart",
]

EMPHASIS_MODES: dict[str, str] = {
    "prominence": "Prominence (1 = in the first passage)",
    "word_share": "Share of the article's words",
}
LABEL_CHARS = 48
ROW_PX = 24
_SCALE = "Viridis"
_TEXT_SCALE = [[0.0, "#2B1B5A"], [0.5, "#2C6E8F"], [1.0, "#23966E"]]
"""Dark enough everywhere for white cell labels, in light and dark themes."""
_BAR_COLOR = "#7F7FBF"
_TRANSPARENT = "rgba(0,0,0,0)"


def outlet_labels(result: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> the outlet's name; the id is added where two articles share one name."""
    names = [a["outlet"] or a["id"] for a in result["articles"]]
    return {
        a["id"]: name if names.count(name) == 1 else f"{name} ({a['id']})"
        for a, name in zip(result["articles"], names, strict=True)
    }


def claim_of_passage(result: Mapping[str, Any]) -> dict[str, str]:
    """Passage id -> the id of the claim it belongs to."""
    return {pid: claim["id"] for claim in result["claims"] for pid in claim["passages"]}


GRADE_WORDS = {"same": "same fact", "overlap": "overlaps", "related": "related", "unrelated": "unrelated"}
"""How a pair's grade reads beside its score."""


def match_note(grade: str, score: float) -> str:
    """A pair's grade in words with its score: "same fact, 0.91", "overlaps, 0.64"."""
    words = GRADE_WORDS.get(grade, "match score")
    return f"{words}, {score:.2f}"


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """The text cut at a word boundary to `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _hover(text: str, limit: int = 420, width: int = 72) -> str:
    """Article text made safe for a plotly hover box: escaped, shortened and wrapped."""
    return "<br>".join(textwrap.wrap(escape(short_label(text, limit), quote=False), width)) or "(empty)"


def _tick(label: str, color: str) -> str:
    return f'<span style="color:{color}">{escape(label, quote=False)}</span>'


def _style(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        paper_bgcolor=_TRANSPARENT,
        plot_bgcolor=_TRANSPARENT,
        margin={"l": 10, "r": 10, "t": 60, "b": 50},
        hoverlabel={"align": "left"},
    )
    fig.update_xaxes(automargin=True, showgrid=False)
    fig.update_yaxes(automargin=True, showgrid=False)
    return fig


def _outlet_axis(result: Mapping[str, Any]) -> dict[str, Any]:
    labels, colors = outlet_labels(result), outlet_colors(result)
    ids = [a["id"] for a in result["articles"]]
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": ids,
        "ticktext": [_tick(labels[i], colors[i]) for i in ids],
    }


def coverage_heatmap(result: Mapping[str, Any]) -> go.Figure:
    """Outlet-by-outlet share of claims in common (Jaccard of their claim sets); the diagonal is blank."""
    ids = [a["id"] for a in result["articles"]]
    labels = outlet_labels(result)
    sim: dict[tuple[str, str], float] = {}
    for pair in result["measures"]["pairs"]:
        sim[pair["a"], pair["b"]] = sim[pair["b"], pair["a"]] = pair["coverage_similarity"]
    z = [[sim.get((row, col)) for col in ids] for row in ids]
    hover = [
        [
            f"{escape(labels[row], quote=False)} and {escape(labels[col], quote=False)}<br>"
            + ("the same outlet" if row == col else f"{sim.get((row, col), 0.0):.0%} of their claims in common")
            for col in ids
        ]
        for row in ids
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=ids,
            y=ids,
            zmin=0,
            zmax=1,
            colorscale=_TEXT_SCALE,
            text=hover,
            texttemplate="%{z:.2f}",
            textfont={"color": "white"},
            hoverongaps=False,
            hovertemplate="%{text}<extra></extra>",
            colorbar={"title": {"text": "Share of claims in common", "side": "right"}},
        )
    )
    fig.update_layout(xaxis=_outlet_axis(result), yaxis={**_outlet_axis(result), "autorange": "reversed"})
    fig.update_xaxes(title_text="Outlet")
    fig.update_yaxes(title_text="Outlet")
    return _style(fig, "How much of the same story each pair of outlets tells", 160 + 60 * len(ids))


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
            row_h.append(f"<b>{escape(labels[aid], quote=False)}</b>: {shown}<br><br>{_hover(claim['label'])}")
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
        marker={"symbol": "square", "size": ROW_PX - 4, "color": _TRANSPARENT},
        customdata=[[cid, aid] for cid, aid, _ in cells],
        text=[h for _, _, h in cells],
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="claims",
    )
    fig = go.Figure([heat, picker])
    fig.update_layout(
        xaxis={**_outlet_axis(result), "side": "top", "title": {"text": "Outlet"}, "range": [-0.5, len(ids) - 0.5]},
        yaxis={
            "type": "category",
            "range": [len(claims) - 0.5, -0.5],
            "tickmode": "array",
            "tickvals": [c["id"] for c in claims],
            "ticktext": [escape(short_label(c["label"]), quote=False) for c in claims],
            "title": {"text": "Claim (most widely reported first)"},
        },
        hoverdistance=ROW_PX * 2,
    )
    title = (
        "Where each outlet places each claim"
        if mode == "prominence"
        else "How much of each outlet's article each claim takes"
    )
    fig = _style(fig, title, 200 + ROW_PX * len(claims))
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
            f"<b>{escape(labels[article['id']], quote=False)}</b>, passage {p['index'] + 1} of {len(passages)}"
            + (f"<br>Claim: {_hover(claim_label[cid], 120)}" if cid else "")
            + f"<br><br>{_hover(p['text'])}"
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
                    "color": [fills.get(cid, _TRANSPARENT) for cid in cids],
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
        yaxis={**_outlet_axis(result), "autorange": "reversed", "title": {"text": "Outlet"}},
    )
    fig.update_xaxes(showgrid=True, tickformat=".0%")
    return _style(fig, "Where in each article each claim appears (same colour = same claim)",
                  170 + 56 * len(result["articles"]))


def divergence_chart(result: Mapping[str, Any]) -> go.Figure:
    """Emphasis divergence per outlet pair as sorted bars, most different pair on top.

    customdata is `[article id, article id]` for each bar.
    """
    labels, colors = outlet_labels(result), outlet_colors(result)
    pairs = sorted(result["measures"]["pairs"], key=lambda p: -p["emphasis_divergence"])
    keys = [f"{p['a']}|{p['b']}" for p in pairs]
    names = [f"{_tick(labels[p['a']], colors[p['a']])} · {_tick(labels[p['b']], colors[p['b']])}" for p in pairs]
    hover = [
        f"{escape(labels[p['a']], quote=False)} and {escape(labels[p['b']], quote=False)}<br>"
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
    return _style(fig, "How differently each pair of outlets spreads its words over the claims",
                  150 + 30 * max(len(pairs), 1))
