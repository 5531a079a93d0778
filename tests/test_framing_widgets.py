"""Framing widgets' pure parts: highlighted passage markdown, and reading an axis from a link or a form."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("streamlit")
from components.framing_widgets import axis_from_inputs, highlighted, resolve_axis  # noqa: E402
from components.widgets import escape_markdown  # noqa: E402
from parallax.lenses import PRESET_AXES, format_axis, parse_axis  # noqa: E402

MARK = re.compile(r":orange-background\[((?:\\.|[^\]\\])*)\]")


def test_only_the_terms_are_marked_and_everything_else_stays_escaped_text():
    text = "The <b>crackdown</b> on *gangs* worked: crime fell, and crimes were rarer."
    marked = highlighted(text, ["crackdown", "crime fell", "crime"])
    assert marked == (
        escape_markdown("The <b>")
        + ":orange-background[crackdown]"
        + escape_markdown("</b> on *gangs* worked:")
        + " :orange-background[crime fell]"
        + escape_markdown(", and crimes were rarer.")
    )
    assert MARK.findall(marked) == ["crackdown", "crime fell"], (
        "'crimes' is another word; the longer term wins"
    )
    assert "<b>" not in marked and "*gangs*" not in marked


def test_highlighting_keeps_the_words_a_reader_sees_and_marks_nothing_without_terms():
    text = "Bukele's “mega-prison” [CECOT] holds $6 million of :smile: detainees."
    marked = highlighted(text, ["mega-prison", "detainees"])
    seen = re.sub(r"\\(.)", r"\1", MARK.sub(r"\1", marked)).replace("\u200b", "")
    assert seen == text
    assert MARK.findall(marked) == ["mega\\-prison", "detainees"]
    assert highlighted(text, []) == escape_markdown(text)


def test_a_link_names_a_preset_or_spells_out_an_axis_and_a_bad_one_falls_back_with_a_sentence():
    assert resolve_axis(None) == (PRESET_AXES[0], None)
    assert resolve_axis(PRESET_AXES[2].name) == (PRESET_AXES[2], None)
    spec = "order:police,arrests|families:children,mothers"
    assert resolve_axis(spec) == (parse_axis(spec), None)
    for bad in ("order:police", "a=b=c:x|d:y", "order:police|families:"):
        axis, problem = resolve_axis(bad)
        assert axis == PRESET_AXES[0]
        assert problem and bad in problem and PRESET_AXES[0].name in problem


def test_a_typed_axis_is_read_like_a_link_and_its_mistakes_are_named():
    axis = axis_from_inputs("", " order ", "police,  arrests ,, gangs", "families", "children, mothers")
    assert (axis.name, axis.left_label) == ("order vs families", "order")
    assert axis.left_phrases == ("police", "arrests", "gangs")
    assert parse_axis(format_axis(axis)) == axis
    assert axis_from_inputs("Policing", "order", "police", "families", "children").name == "Policing"
    for fields, words in [
        (("", "", "police", "families", "children"), "Give each pole a name."),
        (("", "order", "police", "families", " , "), "Give each pole at least one phrase."),
        (("", "order", "police: arrests", "families", "children"), "cannot hold"),
        (("", "order", "police", "families", "police"), "same phrases"),
    ]:
        with pytest.raises(ValueError, match=words):
            axis_from_inputs(*fields)
