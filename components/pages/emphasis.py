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
from parallax.views.emphasis import MODES, TOP_CLAIMS, pair_differences, rows_note

PAIR_TABLE = "pair_table"
SHOW_ALL = "emphasis_all"


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
with st.container(horizontal=True, vertical_alignment="bottom"):
    mode = view.bound_choice("Measure", "mode", MODES)
    show_all = st.toggle(
        "Show all claims",
        key=SHOW_ALL,
        help=f"Every claim, not only those the outlets treat most differently (the first {TOP_CLAIMS}).",
    )
top = None if show_all else TOP_CLAIMS
st.caption(
    "Prominence is 1 when an outlet opens with the claim and falls to 0 at its last passage; share of "
    "words is the part of the article spent on it. The claims come in order of how differently the outlets "
    "treat them, those several outlets report first. Empty cells: the outlet does not report the claim. "
    "Click a cell to read the passages."
)
if note := rows_note(top, len(result["claims"]), "claims"):
    st.caption(note)
chart(
    emphasis_heatmap(result, mode, top=top),
    "emphasis_chart",
    "Heatmap of claims by outlets, coloured by " + MODES[mode].lower(),
    on_pick=open_claim,
)

st.subheader("Where each outlet places the claims several report")
st.caption(
    "One row per claim two or more outlets report, one dot per outlet at the claim's place in its "
    "article: 0% is its first passage, 100% its last. Long grey lines mark claims one outlet leads with "
    "and another keeps for the end. Click a dot to read the passages."
)
if note := rows_note(top, sum(len(c["outlets"]) > 1 for c in result["claims"]), "shared claims"):
    st.caption(note)
chart(
    position_chart(result, top=top),
    "position_chart",
    "Dot chart of where each outlet places each shared claim, one row per claim",
    on_pick=open_claim,
)

st.subheader("Which outlets weigh the claims most differently")
st.caption(
    "Emphasis divergence compares how two outlets spread their words over the claims: 0 means the "
    "same spread, 1 nothing in common. Each bar names the claim that sets the pair furthest apart; click "
    "it to see the claims that make the difference."
)
pair = chart(
    divergence_chart(result),
    "divergence_chart",
    "Bar chart of emphasis divergence for every pair of outlets, largest first",
)
if pair:
    a, b = pair
    table = pd.DataFrame(pair_differences(result, a, b))
    st.markdown(
        f"**Where {escape_markdown(labels[a])} and {escape_markdown(labels[b])} differ most** "
        "(share of each article's words; select a row to read the passages)"
    )
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
