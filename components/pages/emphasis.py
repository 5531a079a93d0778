"""Emphasis: what each outlet puts first and gives space to, and how differently outlets weigh the claims."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from components import view
from components.markup import escape_markdown
from components.runner import current_result
from components.widgets import chart, show_selected_claim
from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart
from parallax.plots.labels import outlet_labels
from parallax.views.emphasis import MODES, pair_differences

PAIR_TABLE = "pair_table"


def open_claim(point: list[Any]) -> None:
    """A chart point picked: open its claim (the first of its customdata; grey dots have none)."""
    if point and point[0]:
        view.select_claim(point[0])


def open_row(table: pd.DataFrame) -> None:
    """A row of the pair table picked: open its claim."""
    rows = list(st.session_state[PAIR_TABLE]["selection"]["rows"])
    if rows:
        view.select_claim(table.iloc[rows[0]]["claim"])


st.title("Emphasis")
result = current_result()
if result is None:
    st.stop()
labels = outlet_labels(result)

st.subheader("How much weight each outlet gives each claim")
mode = view.bound_choice("Measure", "mode", MODES)
st.caption(
    "Prominence is 1 when an outlet opens with the claim and falls to 0 at its last passage; share of "
    "words is the part of the article spent on it. Empty cells: the outlet does not report the claim. "
    "Click a cell to read the passages."
)
chart(emphasis_heatmap(result, mode), "emphasis_chart",
      "Heatmap of claims by outlets, coloured by " + MODES[mode].lower(), on_pick=open_claim)

st.subheader("Where in each article each claim appears")
st.caption("One row per outlet, one dot per passage from first (left) to last (right). Dots of the same "
           "colour report the same claim; grey dots are claims only that outlet reports. Click a dot.")
chart(position_chart(result), "position_chart", "Dot chart of passage positions per outlet, coloured by claim",
      on_pick=open_claim)

st.subheader("Which outlets weigh the claims most differently")
st.caption("Emphasis divergence compares how two outlets spread their words over the claims: 0 means the "
           "same spread, 1 nothing in common. Click a bar to see the claims that make the difference.")
pair = chart(divergence_chart(result), "divergence_chart",
             "Bar chart of emphasis divergence for every pair of outlets, largest first")
if pair:
    a, b = pair
    table = pd.DataFrame(pair_differences(result, a, b))
    st.markdown(f"**Where {escape_markdown(labels[a])} and {escape_markdown(labels[b])} differ most** "
                "(share of each article's words; select a row to read the passages)")
    st.dataframe(
        table,
        hide_index=True,
        key=PAIR_TABLE,
        on_select=partial(open_row, table),
        selection_mode="single-row",
        column_order=["label", "a", "b"],
        column_config={
            "label": st.column_config.TextColumn("Claim"),
            "a": st.column_config.NumberColumn(labels[a], format="percent"),
            "b": st.column_config.NumberColumn(labels[b], format="percent"),
        },
    )

show_selected_claim(result)
