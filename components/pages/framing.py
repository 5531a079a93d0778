"""Framing: how each outlet sounds, which words it prefers, whom it quotes, where its figures clash, and
where its passages fall between two framings the reader names."""

from __future__ import annotations

import streamlit as st

from components import framing_widgets as fw
from components.axis import axis_entry, choose_axis
from components.markup import escape_markdown
from components.runner import comparison
from components.widgets import show_selected_claim
from parallax.lenses.words import CLEAR_Z
from parallax.plots.spread import axis_chart
from parallax.plots.tone import same_fact_tone_chart
from parallax.plots.voices import voices_chart
from parallax.plots.words import words_chart
from parallax.views.framing import clash_pairs, tone_gap_pairs

SHOWN = 4

st.title("Framing")
found = comparison()
if found is None:
    st.stop()
result = found.result
lenses = result.get("lenses") or {}
if not lenses:
    st.info(
        "This comparison was saved without framing lenses (tone, words, voices, clashing facts, axes). "
        "Change a setting or an article to compare the articles again."
    )
    st.stop()


def missing(lens: str) -> bool:
    """True, with a sentence, when the comparison was saved without this lens."""
    if lens not in lenses:
        st.caption(f"This comparison was saved without the {lens} lens.")
    return lens not in lenses


st.caption(
    escape_markdown(f"{result['event']} · {len(result['articles'])} outlets. Colours are the outlets' on every page.")
)

st.subheader("Tone")
st.caption(
    "Tone is compared only where two outlets report one fact (passages graded “same”): each dot is one "
    "such passage, placed by how much warmer (+) or colder (−) the VADER sentiment lexicon scores it than "
    "the other outlets' telling of that fact; the diamond is the outlet's mean over its pairs. An outlet's "
    "overall score is left out: it follows its topic words (“crime”, “prison”), not its framing."
)
if not missing("tone"):
    if "same_fact" in lenses["tone"]:
        st.plotly_chart(
            same_fact_tone_chart(result),
            key="tone_chart",
            alt="Dot and box chart of each outlet's tone against the same fact told elsewhere, with each mean",
        )
        fw.same_fact_tone_table(result)
    else:
        st.caption("This comparison was saved before tone was compared fact by fact; compare again to see it.")
gaps = tone_gap_pairs(result)
st.markdown("**Same fact, different tone**: passages that report the same thing, told warmer and colder")
if not gaps and "tone" in lenses:
    st.caption("No two matched passages differ in tone.")
fw.side_by_side(gaps[:SHOWN])
if len(gaps) > SHOWN:
    with st.expander(f"{len(gaps) - SHOWN} more pairs"):
        fw.side_by_side(gaps[SHOWN:])

st.subheader("Words")
st.caption(
    f"Content words and two-word phrases each outlet uses more than all the others together (weighted "
    f"log-odds with an informative prior). Only clear preferences are shown, at a z-score of {CLEAR_Z:g} or "
    "more (the 5% level); stop words, dates, numbers and outlet names are left out. The Alignment page "
    "highlights them in the passages."
)
if not missing("words"):
    st.plotly_chart(
        words_chart(result),
        key="words_chart",
        alt="Bar charts of each outlet's most distinctive words by z-score, one panel per outlet",
    )
    with st.expander("Every outlet's distinctive words"):
        fw.term_lists(result)

st.subheader("Voices")
st.caption(
    "People and bodies quoted directly or whose words are reported, and how many words each gets. Name "
    "variants (“Bukele”, “President Bukele”) count as one voice."
)
if not missing("voices") and any(lenses["voices"]["articles"].values()):
    st.plotly_chart(
        voices_chart(result),
        key="voices_chart",
        alt="Stacked bar chart of the words each voice gets, split by the outlets quoting it",
    )
    fw.voice_lists(result)
elif "voices" in lenses:
    st.caption("No outlet quotes anyone by name.")

st.subheader("Clashing facts")
st.caption(
    "Passages that report the same thing but state different numbers, sums, percentages or dates. A "
    "“possible clash” needs your judgement: the counts name their people differently (“238 Venezuelans”, "
    "“more than 250 members”), or agree only if “about” is read loosely."
)
clashes = clash_pairs(result)
if not missing("clashes") and not clashes:
    st.caption("None: wherever matched passages give figures, the figures agree.")
fw.side_by_side(clashes)

st.subheader("Semantic axis")
st.caption(
    "Two framings, each named by a few phrases. Every passage gets a position from its meaning: below 0 "
    "it is nearer the left pole, above 0 nearer the right. Sentence meanings mostly fall within ±0.4, so "
    "compare the outlets with each other rather than with the ends of the scale."
)
axis = choose_axis()
entry = axis_entry(found, axis)
if entry is not None:
    st.plotly_chart(
        axis_chart(result, entry),
        key="axis_chart",
        alt="Dot and box chart of passage positions on the axis, one row per outlet, with each mean",
    )
    fw.axis_ends(result, entry)

show_selected_claim(result)
