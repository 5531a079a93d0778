"""The semantic axis on the Framing page: a chooser of presets and a form for one's own, bound to the URL's `axis`,
and the axis's positions, computed from the passage vectors when the result does not hold them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import runner, view
from components.markup import escape_markdown
from components.settings import current_settings
from embeddings import ModelUnavailable
from parallax.compare import Comparison
from parallax.lenses import Axis, format_axis
from parallax.lenses.axes import axes_lens
from parallax.views.axis import PRESETS, axis_from_inputs, axis_value, describe_axis, form_values, resolve_axis
from parallax.views.framing import result_passages

__all__ = ["AXIS_CHOICE", "AXIS_FIELDS", "CUSTOM", "axis_entry", "choose_axis"]

AXIS_CHOICE = "axis_choice"
"""Widget key of the axis chooser (a preset's name, or CUSTOM)."""
CUSTOM = "custom"
AXIS_FIELDS = ("axis_name", "axis_left_label", "axis_left_phrases", "axis_right_label", "axis_right_phrases")
"""Widget keys of the custom axis form: name, then label and comma-separated phrases of each pole."""
_OPEN = "_axis_custom_open"
_ERROR = "_axis_error"
_FILLED = "_axis_filled_from"


def _choose() -> None:
    chosen = st.session_state[AXIS_CHOICE]
    st.session_state[_OPEN] = chosen == CUSTOM
    st.session_state.pop(_ERROR, None)
    if chosen != CUSTOM:
        view.set_value("axis", chosen)


def _submit() -> None:
    ss = st.session_state
    try:
        axis = axis_from_inputs(*(str(ss.get(key) or "") for key in AXIS_FIELDS))
    except ValueError as exc:
        ss[_ERROR] = str(exc)
        return
    ss.pop(_ERROR, None)
    view.set_value("axis", axis_value(axis))


def _axis_form(current: Axis) -> None:
    """Name and two poles, filled in with the axis shown; submitting puts the new axis in the URL."""
    ss = st.session_state
    spec = format_axis(current)
    if ss.get(_FILLED) != spec or any(key not in ss for key in AXIS_FIELDS):
        ss.update(dict(zip(AXIS_FIELDS, form_values(current), strict=True)))
        ss[_FILLED] = spec
    with st.form("axis_form"):
        st.text_input("Name of the axis (optional)", key="axis_name")
        left, right = st.columns(2)
        left.text_input("Left pole", key="axis_left_label", placeholder="e.g. security")
        left.text_input(
            "Phrases for the left pole, separated by commas",
            key="axis_left_phrases",
            placeholder="e.g. crime, gangs, law enforcement",
        )
        right.text_input("Right pole", key="axis_right_label", placeholder="e.g. rights")
        right.text_input(
            "Phrases for the right pole, separated by commas",
            key="axis_right_phrases",
            placeholder="e.g. due process, human rights, courts",
        )
        st.form_submit_button("Show this axis", type="primary", on_click=_submit)
    if ss.get(_ERROR):
        st.error(escape_markdown(ss[_ERROR]), icon=":material/error:")


def choose_axis() -> Axis:
    """The axis the URL names, with a chooser of the presets and a form for one's own axis.

    A link whose axis cannot be read is said in one sentence, and the first preset is shown.
    """
    current, problem = resolve_axis(view.value("axis"))
    if problem:
        st.warning(escape_markdown(problem), icon=":material/link_off:")
    own = current not in PRESETS.values() or st.session_state.get(_OPEN, False)
    st.session_state[AXIS_CHOICE] = CUSTOM if own else current.name
    options = {**{name: name for name in PRESETS}, CUSTOM: "Your own axis…"}
    st.selectbox(
        "Axis",
        list(options),
        format_func=options.__getitem__,
        key=AXIS_CHOICE,
        on_change=_choose,
        help="A preset, or two poles you name with a few phrases each",
    )
    if own:
        _axis_form(current)
    st.caption(escape_markdown(describe_axis(current)))
    return current


def axis_entry(found: Comparison, axis: Axis) -> dict[str, Any] | None:
    """The axes lens for `axis`: the result's own entry for an axis it holds, else computed from the
    passage vectors (kept with the comparison, or read from the vector cache for a saved one, which
    stores none) and the pole phrases. None, with a message on the page, when that is impossible."""
    result, spec = found.result, format_axis(axis)
    for entry in result.get("lenses", {}).get("axes", []):
        if entry["axis"]["spec"] == spec:
            return entry
    try:
        chosen = {**current_settings().to_dict(), **result.get("settings", {})}
        encoder = runner.get_encoder(str(chosen["model"]), str(chosen["backend"]))
        passages = result_passages(result)
        vectors = found.vectors
        if not vectors:
            with st.spinner("Reading the passages' vectors…"):
                rows = encoder.encode([p.text for p in passages])
            vectors = {p.id: rows[i] for i, p in enumerate(passages)}
        return axes_lens([axis], passages, vectors, encoder)[0]
    except ModelUnavailable as exc:
        st.error(escape_markdown(str(exc)))
    except ValueError as exc:
        st.error(escape_markdown(f"This axis cannot be drawn: {exc}."))
    return None
