"""Streamlit pieces of the framing lenses: passages side by side, every outlet's words, voices, the axis's ends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.markup import escape_markdown
from parallax.lenses.words import CLEAR_Z
from parallax.plots.tone import NO_SHARED_FACT
from parallax.views.framing import (
    TONE_COLUMNS,
    VOICE_COLUMNS,
    Cell,
    SideBySide,
    axis_extremes,
    same_fact_tone_rows,
    terms_by_outlet,
    unique_voices,
    voice_rows,
)

__all__ = ["axis_ends", "same_fact_tone_table", "side_by_side", "term_lists", "voice_lists"]


def _cell(box: Any, cell: Cell) -> None:
    box.markdown(f"**{escape_markdown(cell.outlet)}** · {escape_markdown(cell.note)}")
    box.markdown(escape_markdown(cell.text))


def side_by_side(pairs: Sequence[SideBySide]) -> None:
    """Each group of passages in bordered columns, each passage under its outlet's name, below its heading."""
    for pair in pairs:
        heading = escape_markdown(pair.heading)
        st.markdown(f"**{heading}** ({escape_markdown(pair.kind)})" if pair.kind else heading)
        for column, cell in zip(st.columns(len(pair.cells)), pair.cells, strict=True):
            _cell(column.container(border=True), cell)


def term_lists(result: Mapping[str, Any], columns: int = 3) -> None:
    """Every outlet's distinctive terms with their z-scores and counts, in a grid of columns."""
    found = terms_by_outlet(result)
    for start in range(0, len(found), columns):
        for column, (outlet, terms) in zip(st.columns(columns), found[start : start + columns], strict=False):
            lines = [
                f"- {escape_markdown(t['term'])} · z {t['z']:.2f} · {t['count']} here, {t['others']} elsewhere"
                for t in terms
            ]
            column.markdown(f"**{escape_markdown(outlet)}**\n\n" + ("\n".join(lines) or f"No word at z ≥ {CLEAR_Z:g}."))


def same_fact_tone_table(result: Mapping[str, Any]) -> None:
    """Each outlet's mean tone against the same fact told elsewhere, and over how many pairs; an outlet that
    tells no fact alike with another says so rather than showing an empty number."""
    rows = pd.DataFrame(same_fact_tone_rows(result), columns=list(TONE_COLUMNS))
    tone = TONE_COLUMNS[1]
    rows[tone] = [NO_SHARED_FACT if pd.isna(v) else f"{v:+.2f}" for v in rows[tone]]
    st.dataframe(rows, hide_index=True, key="tone_table",
                 column_config={tone: st.column_config.TextColumn(alignment="right")})


def voice_lists(result: Mapping[str, Any]) -> None:
    """A table of who each outlet quotes, and the voices only one outlet includes."""
    st.dataframe(pd.DataFrame(voice_rows(result), columns=list(VOICE_COLUMNS)), hide_index=True, key="voices_table")
    st.markdown("**Voices only one outlet includes**")
    lines = [
        f"- **{escape_markdown(outlet)}**: {escape_markdown(', '.join(voices))}"
        for outlet, voices in unique_voices(result)
    ]
    st.markdown("\n".join(lines) if lines else "Every voice is quoted by more than one outlet.")


def axis_ends(result: Mapping[str, Any], entry: Mapping[str, Any]) -> None:
    """Each outlet's passage nearest to either pole, in two columns, with its position."""
    for column, (pole, cells) in zip(st.columns(2), axis_extremes(result, entry), strict=True):
        column.markdown(f"**Nearest “{escape_markdown(pole)}”**")
        for cell in cells:
            _cell(column.container(border=True), cell)
