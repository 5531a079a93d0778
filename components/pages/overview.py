"""Overview: the findings in words first, then how much each pair of outlets overlaps, then a table per outlet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import state
from components.widgets import claim_line, escape_markdown, show_selected_claim
from parallax.plots.coverage import coverage_heatmap
from parallax.plots.labels import clip_text, outlet_labels

SHOWN = 6
KINDS = {
    "lead": "What each outlet leads with",
    "omission": "What an outlet leaves out",
    "unique": "What only one outlet reports",
}

st.title("Overview")
result = state.current_result()
if result is None:
    st.stop()

labels = outlet_labels(result)
claims = {c["id"]: c for c in result["claims"]}
everyone = sum(1 for c in result["claims"] if len(c["outlets"]) == len(result["articles"]))
st.caption(escape_markdown(
    f"{result['event']} · {len(result['articles'])} outlets · {len(claims)} claims, "
    f"{everyone} reported by every outlet · reference: {labels.get(result['reference'], '')}"
))

st.subheader("What stands out")
st.caption("The button beside each finding opens the passages behind it, side by side.")
for kind, heading in KINDS.items():
    found = [(n, f) for n, f in enumerate(result["findings"]) if f["kind"] == kind and f["claim"] in claims]
    st.markdown(f"**{heading}**")
    if not found:
        st.caption("Nothing to report.")
    for n, finding in found[:SHOWN]:
        claim_line(claims[finding["claim"]], finding["text"], key=f"finding_{n}")
    if len(found) > SHOWN:
        with st.expander(f"{len(found) - SHOWN} more"):
            for n, finding in found[SHOWN:]:
                claim_line(claims[finding["claim"]], finding["text"], key=f"finding_{n}")

st.subheader("Which outlets tell the same story")
st.plotly_chart(coverage_heatmap(result), key="coverage_chart",
                alt="Heatmap of the share of claims each pair of outlets has in common.")

st.subheader("Each outlet in numbers")
outlets = result["measures"]["outlets"]
rows = []
for article in result["articles"]:
    figures = outlets[article["id"]]
    opening = article["passages"][0]["text"] if article["passages"] else ""
    rows.append({
        "Outlet": labels[article["id"]],
        "Reference": article["id"] == result["reference"],
        "Words": figures["words"],
        "Passages": figures["passages"],
        "Claims": figures["claims"],
        "Only this outlet": len(figures["unique_claims"]),
        "Leaves out": len(figures["omitted_claims"]),
        "Leads with": clip_text(opening, 90) if figures["lead_claim"] else "",
    })
st.dataframe(pd.DataFrame(rows), hide_index=True, key="outlet_table", column_config={
    "Only this outlet": st.column_config.NumberColumn(help="Claims no other outlet reports"),
    "Leaves out": st.column_config.NumberColumn(help="Claims most other outlets report that this one does not"),
})
show_selected_claim(result)
