"""Alignment: the reference article passage by passage, beside each its counterparts in the other outlets."""

from __future__ import annotations

import streamlit as st

from components import view
from components.markup import escape_markdown, highlighted
from components.runner import current_result
from components.widgets import claim_button, show_selected_claim
from parallax.views.alignment import (
    FILTERS,
    MISSING_SHOWN,
    Counterpart,
    MissingClaim,
    alignment,
    highlight_terms,
    page_ranges,
    shown,
)

st.title("Alignment")
result = current_result()
if result is None:
    st.stop()
found = alignment(result)
ref = found.reference
claims = {c["id"]: c for c in result["claims"]}

st.caption(escape_markdown(
    f"Reference: {found.outlet} ({len(found.passages)} passages; {found.shared} matched by another outlet, "
    f"{len(found.passages) - found.shared} by none). Choose another reference on the Sources page."
))
choice = view.bound_choice("Show", "filter", FILTERS)
marked = st.toggle("Highlight each outlet's distinctive words", value=True, key="highlight_terms",
                   help="Words and phrases an outlet uses more than the others (see the Framing page)")
terms = highlight_terms(result) if marked else {}


def counterpart(row: Counterpart) -> str:
    """Markdown of another outlet's passage: its outlet, grade and score, position, and highlighted text."""
    note = f" · {row.note}" if row.note else ""
    return (f"**{escape_markdown(row.outlet)}**{note}, passage {row.passage['index'] + 1}  \n"
            f"{highlighted(row.passage['text'], terms.get(row.article, []))}")


st.subheader(f"{escape_markdown(found.outlet)}, passage by passage")
rows = shown(found.passages, choice)
ranges = page_ranges(len(rows))
pages = {f"{rows[a].passage['index'] + 1}–{rows[b - 1].passage['index'] + 1}" if b > a else "none": (a, b)
         for a, b in ranges}
if len(pages) > 1:
    if st.session_state.get("alignment_pager") not in pages:
        st.session_state["alignment_pager"] = next(iter(pages))
    picked = st.segmented_control("Passages", list(pages), key="alignment_pager", required=True,
                                  help=f"{len(rows)} passages, {ranges[0][1]} at a time")
    first, last = pages[picked or next(iter(pages))]
else:
    first, last = 0, len(rows)
for row in rows[first:last]:
    p = row.passage
    with st.container(border=True, key=f"passage_{p['id']}"):
        left, right = st.columns([2, 3], gap="medium")
        with left:
            st.caption(f"Passage {p['index'] + 1} of {len(found.passages)}")
            st.markdown(highlighted(p["text"], terms.get(ref, [])))
            if not row.elsewhere:
                st.badge("No other outlet matched", color="orange", icon=":material/error:")
        with right:
            if row.reported:
                st.caption(f"Reported by {row.outlets} other outlet{'s' if row.outlets > 1 else ''}")
            for other in row.reported:
                st.markdown(counterpart(other))
            if row.reported and row.claim:
                claim_button(claims[row.claim], key=f"open_{p['id']}", label="All passages of this claim")
            if row.loose and row.reported:
                with st.expander(f"Also matched, outside this claim ({len(row.loose)})"):
                    for other in row.loose:
                        st.markdown(counterpart(other))
            elif row.loose:
                st.caption(f"Matched by {len(row.loose)} other outlet{'s' if len(row.loose) > 1 else ''}, "
                           "in no claim together: it matches too few of the passages in the claim the others share")
                for other in row.loose:
                    st.markdown(counterpart(other))
            if row.nearest:
                closest = row.nearest[0]
                with st.expander(f"Closest elsewhere, not a match: {escape_markdown(closest.outlet)} ({closest.note})"):
                    st.caption("Below the match strictness. Read them: another outlet may tell the same fact "
                               "in other words, such as a quote against a summary.")
                    for other in row.nearest:
                        st.markdown(counterpart(other))


def listing(items: tuple[MissingClaim, ...], prefix: str) -> None:
    for missing in items:
        claim_button(missing.claim, key=f"{prefix}_{missing.claim['id']}")
        st.caption(escape_markdown(f"Reported by {', '.join(missing.outlets)}"))


if choice != "unique":
    st.subheader(f"What the others report that {escape_markdown(found.outlet)} does not")
    if not found.missing:
        st.caption("Nothing: every claim the others report is in the reference.")
    listing(found.missing_several[:MISSING_SHOWN], "missing")
    more = found.missing_several[MISSING_SHOWN:]
    if more:
        with st.expander(f"Reported by two or more others: {len(more)} more"):
            listing(more, "missing")
    if found.missing_single:
        with st.expander(f"Reported by one other outlet only ({len(found.missing_single)})"):
            listing(found.missing_single, "single")

show_selected_claim(result)
