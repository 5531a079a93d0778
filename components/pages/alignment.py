"""Alignment: the reference article passage by passage, beside each its counterparts in the other outlets."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import state
from components.framing_widgets import highlighted, outlet_terms
from components.widgets import claim_button, escape_markdown, pair_scores, show_selected_claim
from parallax.plots.labels import claim_of_passage, match_note, outlet_labels

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


Row = tuple[str, dict[str, Any], tuple[float, str] | None]


def counterparts(pid: str) -> tuple[list[Row], list[Row]]:
    """Other outlets' passages in the claim of `pid` (what "reported by" counts, as the claim's window
    does), and other outlets' passages matched to it that did not join its claim, best per outlet."""
    claim = claims.get(claim_of.get(pid, ""))
    found = [(*passages[other], scores.get((pid, other))) for other in (claim["passages"] if claim else [])]
    found = [row for row in found if row[0] != ref]
    loose: dict[str, Row] = {}
    for other in matches.get(pid, []):
        row = (*passages[other], scores.get((pid, other)))
        if row[0] not in {f[0] for f in found} and (row[0] not in loose or row[2] > loose[row[0]][2]):
            loose[row[0]] = row
    by_outlet = lambda row: (order[row[0]], -(row[2] or (0.0, ""))[0])  # noqa: E731
    return sorted(found, key=by_outlet), sorted(loose.values(), key=by_outlet)


def note(row: Row) -> str:
    return f" · {match_note(row[2][1], row[2][0])}" if row[2] is not None else ""


rows = [(p, *counterparts(p["id"])) for p in reference["passages"]]
shared = sum(1 for _, found, loose in rows if found or loose)
st.caption(escape_markdown(
    f"Reference: {labels[ref]} ({len(rows)} passages; {shared} reported by another outlet too, "
    f"{len(rows) - shared} only here). Choose another reference on the Sources page."
))
choice = state.bound_choice("Show", "filter", state.FILTERS)
marked = st.toggle("Highlight each outlet's distinctive words", value=True, key="highlight_terms",
                   help="Words and phrases an outlet uses more than the others (see the Framing page)")
terms = outlet_terms(result) if marked else {}

st.subheader(f"{escape_markdown(labels[ref])}, passage by passage")
for p, found, loose in rows:
    elsewhere = bool(found or loose)
    if (choice == "shared" and not elsewhere) or (choice == "unique" and elsewhere):
        continue
    with st.container(border=True, key=f"passage_{p['id']}"):
        left, right = st.columns([2, 3], gap="medium")
        with left:
            st.caption(f"Passage {p['index'] + 1} of {len(rows)}")
            st.markdown(highlighted(p["text"], terms.get(ref, [])))
            if not elsewhere:
                st.badge("No other outlet reports this", color="orange", icon=":material/error:")
        with right:
            outlets_here = {aid for aid, _, _ in found}
            if found:
                st.caption(f"Reported by {len(outlets_here)} other outlet{'s' if len(outlets_here) > 1 else ''}")
            for row in found:
                aid, other = row[0], row[1]
                st.markdown(f"**{escape_markdown(labels[aid])}**{note(row)}, passage {other['index'] + 1}  \n"
                            f"{highlighted(other['text'], terms.get(aid, []))}")
            if found:
                claim_button(claims[claim_of[p["id"]]], key=f"open_{p['id']}", label="All passages of this claim")
            if loose:
                with st.expander(f"Also matched, too loosely to join this claim ({len(loose)})"):
                    for row in loose:
                        st.markdown(f"**{escape_markdown(labels[row[0]])}**{note(row)}, passage {row[1]['index'] + 1}"
                                    f"  \n{highlighted(row[1]['text'], terms.get(row[0], []))}")

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
