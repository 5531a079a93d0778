"""Streamlit pieces the pages share: escaped passage text, claim buttons, a claim's passages side by side.

Article text never reaches the page as HTML: it goes through `escape_markdown`, which makes every
markdown, HTML, math and emoji mark literal, and nothing here uses `unsafe_allow_html`.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components import state
from parallax.plots.labels import clip_text, match_note, outlet_labels

__all__ = [
    "escape_markdown",
    "passage",
    "claim_button",
    "claim_line",
    "pair_scores",
    "claim_passages",
    "show_selected_claim",
    "chart",
]

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_SHORTCODE = re.compile(r":(?=[\w+/-]+:)")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|mailto)(?=[:.])|(?<=\w)(@)(?=\w)")
"""Where markdown would turn bare text into a link: a word joiner after these stops it."""
COLUMNS = 3


def escape_markdown(text: str) -> str:
    """Text shown literally by st.markdown: markdown, HTML, `$` math, colour and emoji codes and bare links escaped."""
    text = "\n".join(line.strip() for line in str(text).splitlines())
    text = _SHORTCODE.sub(":\u200b", text)
    text = _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + "\u2060", text)
    return _PUNCTUATION.sub(r"\\\1", text)


def passage(text: str) -> None:
    """One passage of article text, escaped."""
    st.markdown(escape_markdown(text))


def claim_button(claim: Mapping[str, Any], key: str, label: str | None = None, limit: int = 110) -> None:
    """A link-like button that opens the claim's passages side by side."""
    st.button(
        escape_markdown(clip_text(label if label is not None else claim["label"], limit)),
        key=key,
        type="tertiary",
        wrap=True,
        on_click=state.select_claim,
        args=(claim["id"],),
    )


def claim_line(claim: Mapping[str, Any], text: str, key: str) -> None:
    """A sentence about a claim, left-aligned, with a button beside it that opens the claim's passages."""
    words, action = st.columns([6, 1], vertical_alignment="center")
    words.markdown(escape_markdown(text))
    action.button(
        "Passages",
        icon=":material/article:",
        key=key,
        help="Read the passages side by side",
        type="tertiary",
        on_click=state.select_claim,
        args=(claim["id"],),
    )


def pair_scores(result: Mapping[str, Any]) -> dict[tuple[str, str], tuple[float, str]]:
    """(passage id, passage id) -> (match score, grade), in both orders."""
    scores: dict[tuple[str, str], tuple[float, str]] = {}
    for row in result["alignments"]:
        found = (float(row["score"]), str(row.get("grade") or ""))
        scores[row["a"], row["b"]] = scores[row["b"], row["a"]] = found
    return scores


def _score_note(
    pid: str, others: Sequence[str], scores: Mapping[tuple[str, str], tuple[float, str]], what: str
) -> str:
    found = [scores[pid, other] for other in others if (pid, other) in scores]
    if not found:
        return ""
    score, grade = max(found)
    return f" · {match_note(grade, score)} with {what}"


def claim_passages(result: Mapping[str, Any], claim: Mapping[str, Any]) -> None:
    """All passages of one claim, one bordered column per outlet, reference first, with match scores."""
    labels = outlet_labels(result)
    members = set(claim["passages"])
    ref = result["reference"]
    reporting = [a for a in result["articles"] if a["id"] in claim["outlets"]]
    reporting.sort(key=lambda a: a["id"] != ref)
    ref_passages = [p["id"] for a in reporting if a["id"] == ref for p in a["passages"] if p["id"] in members]
    scores = pair_scores(result)
    st.markdown(f"#### {escape_markdown(claim['label'])}")
    st.caption(f"Reported by {len(reporting)} of {len(result['articles'])} outlets.")
    for start in range(0, len(reporting), COLUMNS):
        for column, article in zip(st.columns(COLUMNS), reporting[start : start + COLUMNS], strict=False):
            box = column.container(border=True)
            note = " (reference)" if article["id"] == ref else ""
            box.markdown(f"**{escape_markdown(labels[article['id']])}**{note}")
            for p in article["passages"]:
                if p["id"] not in members:
                    continue
                if article["id"] == ref:
                    score = ""
                elif ref_passages:
                    score = _score_note(p["id"], ref_passages, scores, "the reference")
                else:
                    score = _score_note(p["id"], [m for m in members if m != p["id"]], scores, "the others")
                box.caption(f"Passage {p['index'] + 1} of {len(article['passages'])}{score}")
                box.markdown(escape_markdown(p["text"]))
    missing = [labels[a["id"]] for a in result["articles"] if a["id"] not in claim["outlets"]]
    if missing:
        st.caption(escape_markdown("Not reported by: " + ", ".join(missing)))
    if len(claim["outlets"]) == 1:
        _matched_elsewhere(result, members, scores, labels)


def _matched_elsewhere(
    result: Mapping[str, Any],
    members: set[str],
    scores: Mapping[tuple[str, str], float],
    labels: Mapping[str, str],
) -> None:
    """Other outlets' passages the matcher paired with a lone claim's passage, best first."""
    matched = {
        row["b"] if row["a"] in members else row["a"]
        for row in result["alignments"]
        if row["match"] and (row["a"] in members) != (row["b"] in members)
    }
    if not matched:
        return
    st.markdown("**Matched in other outlets**, though too loosely to join this claim:")
    found = [(a, p) for a in result["articles"] for p in a["passages"] if p["id"] in matched]
    for start in range(0, len(found), COLUMNS):
        for column, (article, p) in zip(st.columns(COLUMNS), found[start : start + COLUMNS], strict=False):
            box = column.container(border=True)
            box.markdown(f"**{escape_markdown(labels[article['id']])}**")
            box.caption(f"Passage {p['index'] + 1} of {len(article['passages'])}"
                        f"{_score_note(p['id'], sorted(members), scores, 'this passage')}")
            box.markdown(escape_markdown(p["text"]))


def _close_claim() -> None:
    state.select_claim(None)


@st.dialog("Passages that report one claim", width="large", on_dismiss=_close_claim)
def _claim_dialog(result: Mapping[str, Any], claim: Mapping[str, Any]) -> None:
    claim_passages(result, claim)
    from components.share import share_box  # share imports this module

    share_box("share_claim")
    if st.button("Close", key="close_claim"):
        _close_claim()
        st.rerun()


def show_selected_claim(result: Mapping[str, Any]) -> None:
    """Open the URL's selected claim in a dialog; call once, at the end of a page."""
    claim = state.selected_claim(dict(result))
    if claim is not None:
        _claim_dialog(result, claim)


def chart(fig: go.Figure, key: str, alt: str) -> tuple[list[Any] | None, bool]:
    """Draw a selectable chart; return the selected point's customdata and whether it was just selected."""
    event = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode="points", alt=alt)
    points = list((event or {}).get("selection", {}).get("points", []))
    signature = json.dumps(points, sort_keys=True, default=str)
    is_new = st.session_state.get(f"_seen_{key}") != signature
    st.session_state[f"_seen_{key}"] = signature
    if not points:
        return None, False
    point = points[0]
    data = point.get("customdata")
    if data is None:
        trace = fig.data[int(point.get("curve_number", 0))]
        index = point.get("point_index", point.get("point_number"))
        data = None if trace.customdata is None or index is None else trace.customdata[int(index)]
    return (None if data is None else list(data)), is_new
