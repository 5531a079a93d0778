"""Streamlit pieces of the framing lenses: the semantic axis chooser bound to the URL, passages side by side,
per-outlet lists, and each outlet's distinctive words highlighted inside escaped passage text.

Article text reaches the page only through `escape_markdown`; the one markup added is a highlight
around term spans found by `parallax.lenses.charged_spans`, holding the escaped term itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components import state
from components.widgets import escape_markdown
from embeddings import ModelUnavailable
from parallax.compare import Comparison
from parallax.lenses import PRESET_AXES, Axis, charged_spans, format_axis, parse_axis
from parallax.lenses.axes import axes_lens
from parallax.model import Passage
from parallax.plots.labels import outlet_labels

__all__ = [
    "AXIS_CHOICE",
    "AXIS_FIELDS",
    "CUSTOM",
    "HIGHLIGHT",
    "highlighted",
    "outlet_terms",
    "resolve_axis",
    "axis_from_inputs",
    "choose_axis",
    "axis_entry",
    "side_by_side",
    "term_lists",
    "voice_lists",
    "axis_extremes",
]

HIGHLIGHT = "orange"
"""Streamlit markdown colour of the highlight around a distinctive term."""
AXIS_CHOICE = "axis_choice"
"""Widget key of the axis chooser (a preset's name, or CUSTOM)."""
CUSTOM = "custom"
AXIS_FIELDS = ("axis_name", "axis_left_label", "axis_left_phrases", "axis_right_label", "axis_right_phrases")
"""Widget keys of the custom axis form: name, then label and comma-separated phrases of each pole."""
_OPEN = "_axis_custom_open"
_ERROR = "_axis_error"
_FILLED = "_axis_filled_from"
_PRESETS = {a.name: a for a in PRESET_AXES}


# ---- charged words in passages ---------------------------------------------------------------------


def _plain(text: str) -> str:
    """Escaped text that keeps a single space at either end, so pieces join as the passage read."""
    if not text:
        return ""
    body = escape_markdown(text)
    if not body:
        return " "
    return (" " if text[0].isspace() else "") + body + (" " if text[-1].isspace() else "")


def highlighted(text: str, terms: Iterable[str]) -> str:
    """Markdown of `text` with every occurrence of `terms` highlighted; everything else escaped, no HTML."""
    pieces, last = [], 0
    for start, end, _ in charged_spans(text, terms):
        pieces.append(_plain(text[last:start]))
        pieces.append(f":{HIGHLIGHT}-background[{escape_markdown(text[start:end])}]")
        last = end
    pieces.append(_plain(text[last:]))
    return "".join(pieces)


def outlet_terms(result: Mapping[str, Any]) -> dict[str, list[str]]:
    """Article id -> its distinctive terms from the words lens (empty when the result has none)."""
    terms = result.get("lenses", {}).get("words", {}).get("terms", {})
    return {aid: [t["term"] for t in found] for aid, found in terms.items()}


# ---- the semantic axis, bound to the URL ------------------------------------------------------------


def resolve_axis(value: str | None) -> tuple[Axis, str | None]:
    """The axis a URL value names (a preset's name or a spec string), and a sentence when it is unreadable.

    An unreadable value gives the first preset, so the page still shows an axis.
    """
    if not value:
        return PRESET_AXES[0], None
    if value in _PRESETS:
        return _PRESETS[value], None
    try:
        axis = parse_axis(value)
        format_axis(axis)
    except ValueError as exc:
        return PRESET_AXES[0], (
            f"The link's axis “{value}” cannot be read ({exc}); showing “{PRESET_AXES[0].name}” instead."
        )
    return axis, None


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def axis_from_inputs(
    name: str, left_label: str, left_phrases: str, right_label: str, right_phrases: str
) -> Axis:
    """The axis a person typed (phrases separated by commas); ValueError says in words what is missing."""
    left, right = left_label.strip(), right_label.strip()
    if not left or not right:
        raise ValueError("Give each pole a name.")
    found = _phrases(left_phrases), _phrases(right_phrases)
    if not all(found):
        raise ValueError("Give each pole at least one phrase.")
    if any(mark in part for part in (name, left, right, *found[0], *found[1]) for mark in ":|="):
        raise ValueError("Names and phrases cannot hold “:”, “|” or “=”.")
    if "," in left + right:
        raise ValueError("A pole's name cannot hold a comma: commas separate its phrases.")
    if set(found[0]) == set(found[1]):
        raise ValueError("The two poles have the same phrases.")
    return Axis(name.strip() or f"{left} vs {right}", left, found[0], right, found[1])


def _choose() -> None:
    value = st.session_state[AXIS_CHOICE]
    st.session_state[_OPEN] = value == CUSTOM
    st.session_state.pop(_ERROR, None)
    if value != CUSTOM:
        state.set_view_value("axis", value)


def _submit() -> None:
    ss = st.session_state
    try:
        axis = axis_from_inputs(*(str(ss.get(key) or "") for key in AXIS_FIELDS))
    except ValueError as exc:
        ss[_ERROR] = str(exc)
        return
    ss.pop(_ERROR, None)
    state.set_view_value("axis", axis.name if axis in PRESET_AXES else format_axis(axis))


def _axis_form(current: Axis) -> None:
    """Name and two poles, filled in with the axis shown; submitting puts the new axis in the URL."""
    ss = st.session_state
    spec = format_axis(current)
    if ss.get(_FILLED) != spec or any(key not in ss for key in AXIS_FIELDS):
        default_name = current.name == f"{current.left_label} vs {current.right_label}"
        values = (
            "" if default_name else current.name,
            current.left_label,
            ", ".join(current.left_phrases),
            current.right_label,
            ", ".join(current.right_phrases),
        )
        ss.update(dict(zip(AXIS_FIELDS, values, strict=True)))
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
    current, problem = resolve_axis(state.view_value("axis"))
    if problem:
        st.warning(escape_markdown(problem), icon=":material/link_off:")
    own = current not in PRESET_AXES or st.session_state.get(_OPEN, False)
    st.session_state[AXIS_CHOICE] = CUSTOM if own else current.name
    options = {**{name: name for name in _PRESETS}, CUSTOM: "Your own axis…"}
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
    st.caption(
        escape_markdown(
            f"{current.name}: “{current.left_label}” ({', '.join(current.left_phrases)}) "
            f"against “{current.right_label}” ({', '.join(current.right_phrases)})."
        )
    )
    return current


def _passages(result: Mapping[str, Any]) -> list[Passage]:
    return [
        Passage(p["id"], a["id"], p["index"], p["text"], p["start"], p["end"])
        for a in result["articles"]
        for p in a["passages"]
    ]


def axis_entry(found: Comparison, axis: Axis) -> dict[str, Any] | None:
    """The axes lens for `axis`: the result's own entry for an axis it holds, else computed from the
    passage vectors (kept with the comparison, or read from the vector cache for a saved one, which
    stores none) and the pole phrases. None, with a message on the page, when that is impossible."""
    result, spec = found.result, format_axis(axis)
    for entry in result.get("lenses", {}).get("axes", []):
        if entry["axis"]["spec"] == spec:
            return entry
    try:
        encoder = state.get_encoder(str(result.get("model") or state.current_settings().model))
        passages = _passages(result)
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


# ---- lists ------------------------------------------------------------------------------------------


def _owner(result: Mapping[str, Any]) -> dict[str, str]:
    return {p["id"]: a["id"] for a in result["articles"] for p in a["passages"]}


def side_by_side(result: Mapping[str, Any], rows: Sequence[tuple[str, str, str]], heading: str = "") -> None:
    """Passages in bordered columns, each under its outlet's name; rows are (passage id, text, note)."""
    labels, owner = outlet_labels(result), _owner(result)
    if heading:
        st.markdown(heading)
    for column, (pid, text, note) in zip(st.columns(len(rows)), rows, strict=True):
        box = column.container(border=True)
        aid = owner.get(pid, "")
        box.markdown(f"**{escape_markdown(labels.get(aid, aid))}** · {escape_markdown(note)}")
        box.markdown(escape_markdown(text))


def term_lists(result: Mapping[str, Any], columns: int = 3) -> None:
    """Every outlet's distinctive terms with their z-scores and counts, in a grid of columns."""
    labels = outlet_labels(result)
    terms = result["lenses"]["words"]["terms"]
    ids = [a["id"] for a in result["articles"]]
    for start in range(0, len(ids), columns):
        for column, aid in zip(st.columns(columns), ids[start : start + columns], strict=False):
            lines = [
                f"- {escape_markdown(t['term'])} · z {t['z']:.2f} · "
                f"{t['count']} here, {t['others']} elsewhere"
                for t in terms.get(aid, [])
            ]
            column.markdown(
                f"**{escape_markdown(labels[aid])}**\n\n" + ("\n".join(lines) or "No word stands out.")
            )


def voice_lists(result: Mapping[str, Any]) -> None:
    """A table of who each outlet quotes, and the voices only one outlet includes."""
    labels = outlet_labels(result)
    voices = result["lenses"]["voices"]
    rows = [
        {
            "Outlet": labels[a["id"]],
            "Voice": v["voice"],
            "Words": v["words"],
            "Quotes": v["quotes"],
            "Direct": v["direct"],
            "Reported": v["indirect"],
        }
        for a in result["articles"]
        for v in voices["articles"].get(a["id"], [])
    ]
    st.dataframe(
        pd.DataFrame(rows, columns=["Outlet", "Voice", "Words", "Quotes", "Direct", "Reported"]),
        hide_index=True,
        key="voices_table",
    )
    st.markdown("**Voices only one outlet includes**")
    only: dict[str, list[str]] = {}
    for row in voices["unique"]:
        only.setdefault(row["article"], []).append(row["voice"])
    lines = [
        f"- **{escape_markdown(labels[a['id']])}**: {escape_markdown(', '.join(only[a['id']]))}"
        for a in result["articles"]
        if a["id"] in only
    ]
    st.markdown("\n".join(lines) if lines else "Every voice is quoted by more than one outlet.")


def axis_extremes(result: Mapping[str, Any], entry: Mapping[str, Any]) -> None:
    """Each outlet's passages nearest to either pole, in two columns, with their positions."""
    labels = outlet_labels(result)
    text = {p["id"]: p["text"] for a in result["articles"] for p in a["passages"]}
    axis, extremes = entry["axis"], entry.get("extremes", {})
    for column, side in zip(st.columns(2), ("left", "right"), strict=True):
        column.markdown(f"**Nearest “{escape_markdown(axis[side]['label'])}”**")
        for article in result["articles"]:
            for item in extremes.get(article["id"], {}).get(side, [])[:1]:
                box = column.container(border=True)
                box.markdown(
                    f"**{escape_markdown(labels[article['id']])}** · position {item['position']:+.2f}"
                )
                box.markdown(escape_markdown(text.get(item["passage"], "")))
