"""Alignment: the reference article passage by passage, beside each its counterparts in the other outlets."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import state
from components.figures import claim_of_passage, outlet_labels
from components.framing_widgets import highlighted, outlet_terms
from components.widgets import claim_button, escape_markdown, pair_scores, show_selected_claim

st.title("Alignment")
result = state.current_result()
if result is None:
    st.stop()

labels = outlet_labels(result)
ref = result["reference"]
order = {a["id"]: n for n, a in enumerate(result["articles"])}
reference = next(a for a in result["articles"] if a["id"] == ref)
passages = {p["id"]: (a["id"], p) for a in result["articles"] for p in a["passages"]}
claims = {c["id"]: c for c in result["claims"]}
claim_of = claim_of_passage(result)
scores = pair_scores(result)


matches: dict[str, list[str]] = {}
for row in result["alignments"]:
    if row["match"]:
        matches.setdefault(row["a"], []).append(row["b"])
        matches.setdefault(row["b"], []).append(row["a"])


def counterparts(pid: str) -> list[tuple[str, dict[str, Any], float | None]]:
    """Other outlets' passages in the claim of `pid`, and, for an outlet with none there, its best match."""
    claim = claims.get(claim_of.get(pid, ""))
    found = [(*passages[other], scores.get((pid, other))) for other in (claim["passages"] if claim else [])]
    found = [row for row in found if row[0] != ref]
    best: dict[str, tuple[str, dict[str, Any], float | None]] = {}
    for other in matches.get(pid, []):
        row = (*passages[other], scores.get((pid, other)))
        if row[0] not in {f[0] for f in found} and (row[0] not in best or (row[2] or 0) > (best[row[0]][2] or 0)):
            best[row[0]] = row
    return sorted([*found, *best.values()], key=lambda row: (order[row[0]], -(row[2] or 0.0)))


rows = [(p, counterparts(p["id"])) for p in reference["passages"]]
shared = sum(1 for _, found in rows if found)
st.caption(escape_markdown(
    f"Reference: {labels[ref]} ({len(rows)} passages; {shared} reported by another outlet too, "
    f"{len(rows) - shared} only here). Choose another reference on the Sources page."
))
choice = state.bound_choice("Show", "filter", state.FILTERS)
marked = st.toggle("Highlight each outlet's distinctive words", value=True, key="highlight_terms",
                   help="Words and phrases an outlet uses more than the others (see the Framing page)")
terms = outlet_terms(result) if marked else {}

st.subheader(f"{escape_markdown(labels[ref])}, passage by passage")
for p, found in rows:
    if (choice == "shared" and not found) or (choice == "unique" and found):
        continue
    with st.container(border=True, key=f"passage_{p['id']}"):
        left, right = st.columns([2, 3], gap="medium")
        with left:
            st.caption(f"Passage {p['index'] + 1} of {len(rows)}")
            st.markdown(highlighted(p["text"], terms.get(ref, [])))
            if not found:
                st.badge("No other outlet reports this", color="orange", icon=":material/error:")
        with right:
            outlets_here = {aid for aid, _, _ in found}
            if found:
                st.caption(f"Reported by {len(outlets_here)} other outlet{'s' if len(outlets_here) > 1 else ''}")
            for aid, other, score in found:
                note = f" · match {score:.2f}" if score is not None else ""
                st.markdown(f"**{escape_markdown(labels[aid])}**{note}, passage {other['index'] + 1}  \n"
                            f"{highlighted(other['text'], terms.get(aid, []))}")
            if found:
                claim_button(claims[claim_of[p["id"]]], key=f"open_{p['id']}", label="All passages of this claim")

if choice != "unique":
    st.subheader(f"What the others report that {escape_markdown(labels[ref])} does not")
    missing = [c for c in result["claims"] if ref not in c["outlets"]]
    several = [c for c in missing if len(c["outlets"]) > 1]
    single = [c for c in missing if len(c["outlets"]) == 1]
    if not missing:
        st.caption("Nothing: every claim the others report is in the reference.")

    def listing(items: list[dict[str, Any]], prefix: str) -> None:
        for claim in items:
            who = ", ".join(labels[a] for a in sorted(claim["outlets"], key=order.__getitem__))
            claim_button(claim, key=f"{prefix}_{claim['id']}")
            st.caption(escape_markdown(f"Reported by {who}"))

    listing(several, "missing")
    if single:
        with st.expander(f"Reported by one other outlet only ({len(single)})"):
            listing(single, "single")

show_selected_claim(result)
