"""Streamlit pieces the pages share: claim buttons, a claim's passages side by side, selectable charts.

Article text reaches the page only through `components.markup.escape_markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import view
from components.markup import escape_markdown
from components.share import share_box
from parallax.plots.labels import clip_text
from parallax.views.claims import ShownPassage, claim_view

__all__ = ["COLUMNS", "chart", "claim_button", "claim_line", "claim_passages", "show_selected_claim"]

COLUMNS = 3
"""Outlets side by side in a claim's window."""


def claim_button(claim: Mapping[str, Any], key: str, label: str | None = None, limit: int = 110) -> None:
    """A link-like button that opens the claim's passages side by side."""
    st.button(
        escape_markdown(clip_text(label if label is not None else claim["label"], limit)),
        key=key,
        type="tertiary",
        wrap=True,
        on_click=view.select_claim,
        args=(claim["id"],),
    )


def claim_line(claim: Mapping[str, Any], key: str, *, bordered: bool = False) -> DeltaGenerator:
    """A row about a claim with a button at its right that opens the claim's passages; the row's wide
    left column is returned for the words."""
    row = st.container(border=True) if bordered else st
    words, action = row.columns([6, 1], vertical_alignment="top")
    action.button(
        "Passages",
        icon=":material/article:",
        key=key,
        help="Read the claim's passages side by side",
        type="tertiary",
        on_click=view.select_claim,
        args=(claim["id"],),
    )
    return words


def _grid(items: Sequence[Any], draw: Callable[[Any, Any], None]) -> None:
    """Items in rows of COLUMNS bordered boxes, each drawn by `draw(box, item)`."""
    for start in range(0, len(items), COLUMNS):
        for column, item in zip(st.columns(COLUMNS), items[start : start + COLUMNS], strict=False):
            draw(column.container(border=True), item)


def _passage(box: Any, shown: ShownPassage) -> None:
    box.caption(f"{shown.position}{shown.note}")
    box.markdown(escape_markdown(shown.text))


def claim_passages(result: Mapping[str, Any], claim: Mapping[str, Any]) -> None:
    """All passages of one claim, one bordered column per outlet, reference first, with match scores."""
    found = claim_view(result, claim)

    def column(box: Any, item: Any) -> None:
        box.markdown(f"**{escape_markdown(item.outlet)}**{' (reference)' if item.reference else ''}")
        for shown in item.passages:
            _passage(box, shown)

    def loose(box: Any, shown: ShownPassage) -> None:
        box.markdown(f"**{escape_markdown(shown.outlet)}**")
        _passage(box, shown)

    st.markdown(f"#### {escape_markdown(found.label)}")
    st.caption(f"Reported by {len(found.columns)} of {found.outlets} outlets.")
    _grid(found.columns, column)
    if found.missing:
        st.caption(escape_markdown("No passage matched in: " + ", ".join(found.missing)))
    if found.elsewhere:
        st.markdown("**Matched in other outlets** to some of this claim's passages, not to enough of them to join it:")
        _grid(found.elsewhere, loose)
    if found.nearest:
        st.markdown("**Closest in the outlets without it**, below a match: read them, an outlet may tell the same "
                    "fact in other words.")
        _grid(found.nearest, loose)


def _close_claim() -> None:
    view.select_claim(None)


@st.dialog("Passages that report one claim", width="large", on_dismiss=_close_claim)
def _claim_dialog(result: Mapping[str, Any], claim: Mapping[str, Any]) -> None:
    claim_passages(result, claim)
    share_box("share_claim")
    if st.button("Close", key="close_claim"):
        _close_claim()
        st.rerun()


def show_selected_claim(result: Mapping[str, Any]) -> None:
    """Open the URL's selected claim in a dialog; call once, at the end of a page."""
    claim = view.selected_claim(result)
    if claim is not None:
        _claim_dialog(result, claim)


def _point_data(fig: go.Figure, point: Mapping[str, Any]) -> list[Any] | None:
    """The customdata of a selected point: sent with the point, or read from its trace."""
    data = point.get("customdata")
    if data is None:
        trace = fig.data[int(point.get("curve_number", 0))]
        index = point.get("point_index", point.get("point_number"))
        data = None if trace.customdata is None or index is None else trace.customdata[int(index)]
    return None if data is None else list(data)


def _selected(fig: go.Figure, event: Mapping[str, Any] | None) -> list[Any] | None:
    points = list((event or {}).get("selection", {}).get("points", []))
    return _point_data(fig, points[0]) if points else None


def _picked(key: str, fig: go.Figure, on_pick: Callable[[list[Any]], None]) -> None:
    """The chart's selection changed: hand the newly selected point's customdata to `on_pick`."""
    data = _selected(fig, st.session_state.get(key))
    if data is not None:
        on_pick(data)


def chart(
    fig: go.Figure, key: str, alt: str, on_pick: Callable[[list[Any]], None] | None = None
) -> list[Any] | None:
    """Draw a selectable chart; return the selected point's customdata (None without a selection).

    `on_pick(customdata)` runs once when a person selects a point, before the page draws again;
    a selection that stays (after its claim's window is closed, say) does not run it again.
    """
    on_select = "rerun" if on_pick is None else partial(_picked, key, fig, on_pick)
    event = st.plotly_chart(fig, key=key, on_select=on_select, selection_mode="points", alt=alt)
    return _selected(fig, event)
