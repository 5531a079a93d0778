"""How much warmer or colder each outlet tells the same fact than the others: one row of passages per outlet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from parallax.plots.spread import spread_chart
from parallax.plots.style import style_figure

__all__ = ["NO_SHARED_FACT", "same_fact_tone_chart"]

NO_SHARED_FACT = "no fact told alike"
"""What the tone chart and table say for an outlet that shares no fact graded `same` with another."""


def same_fact_tone_chart(result: Mapping[str, Any]) -> go.Figure:
    """Each outlet's passages graded `same` as another outlet's, placed by how much warmer (+) or colder
    (-) they sound than the other outlets' telling of that fact, with the outlet's mean over its pairs.

    Reads `lenses["tone"]["same_fact"]`; an outlet with no such passage has an empty row and no mean.
    customdata of a dot is `[passage id]`.
    """
    same = result["lenses"]["tone"].get("same_fact") or {"passages": {}, "articles": {}}
    values = same["passages"]
    means = {aid: row["mean"] for aid, row in same["articles"].items()}
    extra = {aid: f" over {row['pairs']} pairs told by other outlets" for aid, row in same["articles"].items()}
    fig = spread_chart(result, values, means, "tone against the same fact elsewhere", extra)
    ids = [a["id"] for a in result["articles"]]
    # An outlet with no such passage keeps its row, saying so, rather than vanishing from the axis.
    fig.add_trace(
        go.Scatter(x=[0] * len(ids), y=ids, mode="markers", marker={"opacity": 0}, hoverinfo="skip", showlegend=False)
    )
    for aid in ids:
        if aid not in means:
            fig.add_annotation(
                text=f"{NO_SHARED_FACT} by another outlet",
                x=0,
                y=aid,
                showarrow=False,
                font={"size": 12, "color": "#6B6B6B"},
                bgcolor="white",
            )
    fig.update_yaxes(categoryorder="array", categoryarray=ids)
    fig.update_traces(name="Mean over the outlet's pairs", selector={"name": "Mean of the outlet's passages"})
    reach = max([abs(v) for v in values.values()] + [0.25]) * 1.1
    fig.update_layout(
        xaxis={
            "range": [-reach, reach],
            "title": {"text": "Tone minus the other outlets' tone for the same fact (− colder, + warmer)"},
        }
    )
    fig = style_figure(
        fig, "How warm or cold each outlet tells the facts others tell too", 190 + 62 * len(result["articles"])
    )
    fig.update_layout(margin={"b": 95})
    return fig
