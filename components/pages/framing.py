"""Framing: how each outlet sounds, which words it prefers, whom it quotes, where its figures clash, and
where its passages fall between two framings the reader names."""

from __future__ import annotations

import streamlit as st

from components import framing_widgets as fw
from components import state
from components.widgets import escape_markdown, show_selected_claim
from parallax.plots.spread import axis_chart, tone_chart
from parallax.plots.voices import voices_chart
from parallax.plots.words import words_chart

SHOWN = 4

st.title("Framing")
found = state.comparison()
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
    escape_markdown(
        f"{result['event']} · {len(result['articles'])} outlets. Colours are the outlets' on every page."
    )
)

st.subheader("Tone")
st.caption(
    "Each dot is one passage, scored by the VADER sentiment lexicon from −1 (most negative) to +1 (most "
    "positive); the diamond is the outlet's mean. Hover a dot to read its passage."
)
if not missing("tone"):
    st.plotly_chart(
        tone_chart(result),
        key="tone_chart",
        alt="Dot and box chart of every passage's tone, one row per outlet, with each outlet's mean",
    )
gaps = lenses.get("tone", {}).get("gaps", [])
st.markdown("**Same fact, different tone**: passages that report the same thing, told warmer and colder")
if not gaps and "tone" in lenses:
    st.caption("No two matched passages differ in tone.")


def gap_rows(items: list[dict]) -> None:
    """Each pair of matched passages side by side, under the size of their tone gap."""
    for gap in items:
        fw.side_by_side(
            result,
            [
                (gap["a"], gap["text_a"], f"tone {gap['tone_a']:+.2f}"),
                (gap["b"], gap["text_b"], f"tone {gap['tone_b']:+.2f}"),
            ],
            heading=f"Tone gap {gap['gap']:.2f}",
        )


gap_rows(gaps[:SHOWN])
if len(gaps) > SHOWN:
    with st.expander(f"{len(gaps) - SHOWN} more pairs"):
        gap_rows(gaps[SHOWN:])

st.subheader("Words")
st.caption(
    "Words and two-word phrases each outlet uses more than all the others together (weighted log-odds "
    "with an informative prior; a z-score above 2 is a clear preference). The Alignment page highlights "
    "them in the passages."
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
st.caption("Passages that report the same thing but state different numbers, sums, percentages or dates.")
clashes = lenses.get("clashes", [])
if not missing("clashes") and not clashes:
    st.caption("None: wherever matched passages give figures, the figures agree.")
for clash in clashes:
    fw.side_by_side(
        result,
        [(clash["a"], clash["text_a"], clash["a_value"]), (clash["b"], clash["text_b"], clash["b_value"])],
        heading=f"**{escape_markdown(clash['detail'])}** ({escape_markdown(clash['kind'])})",
    )

st.subheader("Semantic axis")
st.caption(
    "Two framings, each named by a few phrases. Every passage gets a position from its meaning: below 0 "
    "it is nearer the left pole, above 0 nearer the right. Sentence meanings mostly fall within ±0.4, so "
    "compare the outlets with each other rather than with the ends of the scale."
)
axis = fw.choose_axis()
entry = fw.axis_entry(found, axis)
if entry is not None:
    st.plotly_chart(
        axis_chart(result, entry),
        key="axis_chart",
        alt="Dot and box chart of passage positions on the axis, one row per outlet, with each mean",
    )
    fw.axis_extremes(result, entry)

show_selected_claim(result)
