"""Overview: the findings in words first, then how much each pair of outlets overlaps, then a table per outlet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.markup import escape_markdown
from components.runner import current_result
from components.widgets import claim_line, show_selected_claim
from parallax.plots.coverage import coverage_heatmap
from parallax.views.overview import finding_groups, outlet_rows, summary

SHOWN = 6

st.title("Overview")
result = current_result()
if result is None:
    st.stop()
st.caption(escape_markdown(summary(result)))

st.subheader("What stands out")
st.caption("The button beside each finding opens the passages behind it, side by side.")
for group in finding_groups(result):
    st.markdown(f"**{group.heading}**")
    if not group.findings:
        st.caption("Nothing to report.")
    for finding in group.findings[:SHOWN]:
        claim_line(finding.claim, finding.text, key=f"finding_{finding.number}")
    if len(group.findings) > SHOWN:
        with st.expander(f"{len(group.findings) - SHOWN} more"):
            for finding in group.findings[SHOWN:]:
                claim_line(finding.claim, finding.text, key=f"finding_{finding.number}")

st.subheader("Which outlets tell the same story")
st.plotly_chart(coverage_heatmap(result), key="coverage_chart",
                alt="Heatmap of the share of claims each pair of outlets has in common.")

st.subheader("Each outlet in numbers")
st.dataframe(pd.DataFrame(outlet_rows(result)), hide_index=True, key="outlet_table", column_config={
    "Only this outlet": st.column_config.NumberColumn(help="Claims no other outlet reports"),
    "Leaves out": st.column_config.NumberColumn(help="Claims most other outlets report that this one does not"),
})
show_selected_claim(result)
