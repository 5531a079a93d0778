"""Overview: the findings in words first, then how much each pair of outlets overlaps, then a table per outlet.

No chart and no interactive grid: words and plain tables draw a new session's first page without loading either
library."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.markup import escape_markdown
from components.runner import current_result
from components.widgets import claim_line, show_selected_claim
from parallax.views.overview import Finding, finding_sections, holds_note, outlet_rows, overlap_table, summary

SHOWN = 5


def _finding(finding: Finding) -> None:
    """A card: the finding, where its passage is and whether it holds, the passage between the ones around it
    (dimmed), and a button that opens the claim."""
    words = claim_line(finding.claim, f"finding_{finding.number}", bordered=True)
    words.markdown(f"**{escape_markdown(finding.text)}**")
    context = finding.context
    if context is not None:
        note = holds_note(result, finding)
        badge = f" :{'green' if finding.holds else 'orange'}-badge[{escape_markdown(note)}]" if note else ""
        words.caption(escape_markdown(f"{context.outlet}, passage {context.position}") + badge)
        parts = [
            f":gray[{escape_markdown(context.before)}]" if context.before else "",
            escape_markdown(context.passage),
            f":gray[{escape_markdown(context.after)}]" if context.after else "",
        ]
        words.markdown(" ".join(p for p in parts if p))


st.title("Overview")
result = current_result()
if result is None:
    st.stop()
st.caption(escape_markdown(summary(result)))

st.subheader("What stands out")
st.caption(
    "Facts an outlet leaves out that most others report, clashing figures, leads no other outlet opens with, and "
    "facts only one outlet reports (named, figured or quoted ones first), most telling first. Each passage stands "
    "between the sentences around it; “holds” means the finding stays the same a step stricter and a step looser."
)
for number, section in enumerate(finding_sections(result)):
    st.markdown(f"##### {escape_markdown(section.heading)}")
    if not section.findings:
        st.caption("Nothing to report.")
    for finding in section.findings[:SHOWN]:
        _finding(finding)
    rest = section.findings[SHOWN:]
    # Drawn only when asked for: hidden cards would still cost a new session's browser their drawing.
    if rest and st.toggle(f"Show {len(rest)} more", key=f"more_findings_{number}"):
        for finding in rest:
            _finding(finding)

st.subheader("Which outlets tell the same story")
st.caption("Each pair of outlets: the share of the claims either reports that both report; purple least, green most.")
overlap = overlap_table(result)
shares = pd.DataFrame([["" if v is None else f"{v:.0%}" for v in row] for row in overlap.shares],
                      index=overlap.outlets, columns=overlap.outlets)
shades = pd.DataFrame(overlap.styles, index=shares.index, columns=shares.columns)
st.table(shares.style.apply(lambda _: shades, axis=None).set_properties(**{"text-align": "right"}))

st.subheader("Each outlet in numbers")
st.caption("Only this outlet: claims no other outlet reports. Leaves out: claims most other outlets report that "
           "this one does not.")
outlets = pd.DataFrame(outlet_rows(result)).set_index("Outlet")
st.table(outlets.assign(Reference=outlets["Reference"].map({True: "yes", False: ""})))
show_selected_claim(result)
