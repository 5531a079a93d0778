"""Emphasis: what each outlet puts first and gives space to, and how differently outlets weigh the claims."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.widgets import chart, escape_markdown, show_selected_claim
from parallax.plots.emphasis import divergence_chart, emphasis_heatmap, position_chart
from parallax.plots.labels import clip_text, outlet_labels

st.title("Emphasis")
result = state.current_result()
if result is None:
    st.stop()
labels = outlet_labels(result)

st.subheader("How much weight each outlet gives each claim")
mode = state.bound_choice("Measure", "mode", state.MODES)
st.caption(
    "Prominence is 1 when an outlet opens with the claim and falls to 0 at its last passage; share of "
    "words is the part of the article spent on it. Empty cells: the outlet does not report the claim. "
    "Click a cell to read the passages."
)
picked, new = chart(emphasis_heatmap(result, mode), "emphasis_chart",
                    "Heatmap of claims by outlets, coloured by " + state.MODES[mode].lower())
if new and picked:
    state.select_claim(picked[0])

st.subheader("Where in each article each claim appears")
st.caption("One row per outlet, one dot per passage from first (left) to last (right). Dots of the same "
           "colour report the same claim; grey dots are claims only that outlet reports. Click a dot.")
picked, new = chart(position_chart(result), "position_chart",
                    "Dot chart of passage positions per outlet, coloured by claim")
if new and picked and picked[0]:
    state.select_claim(picked[0])

st.subheader("Which outlets weigh the claims most differently")
st.caption("Emphasis divergence compares how two outlets spread their words over the claims: 0 means the "
           "same spread, 1 nothing in common. Click a bar to see the claims that make the difference.")
pair, _ = chart(divergence_chart(result), "divergence_chart",
                "Bar chart of emphasis divergence for every pair of outlets, largest first")
if pair:
    a, b = pair
    coverage = result["measures"]["claims"]
    rows = sorted(
        (
            {
                "claim": claim["id"],
                "label": clip_text(claim["label"], 100),
                "a": coverage[claim["id"]]["coverage"][a]["word_share"],
                "b": coverage[claim["id"]]["coverage"][b]["word_share"],
            }
            for claim in result["claims"]
        ),
        key=lambda row: -abs(row["a"] - row["b"]),
    )[:12]
    table = pd.DataFrame(rows)
    st.markdown(f"**Where {escape_markdown(labels[a])} and {escape_markdown(labels[b])} differ most** "
                "(share of each article's words; select a row to read the passages)")
    event = st.dataframe(
        table,
        hide_index=True,
        key="pair_table",
        on_select="rerun",
        selection_mode="single-row",
        column_order=["label", "a", "b"],
        column_config={
            "label": st.column_config.TextColumn("Claim"),
            "a": st.column_config.NumberColumn(labels[a], format="percent"),
            "b": st.column_config.NumberColumn(labels[b], format="percent"),
        },
    )
    chosen = list(event["selection"]["rows"]) if event else []
    seen = st.session_state.get("_seen_pair_table")
    st.session_state["_seen_pair_table"] = chosen
    if chosen and chosen != seen:
        state.select_claim(table.iloc[chosen[0]]["claim"])

show_selected_claim(result)
