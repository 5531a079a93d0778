"""Reading a semantic axis from a link or a form, and saying it back, without Streamlit."""

from __future__ import annotations

import pytest

from parallax.lenses import PRESET_AXES, format_axis, parse_axis
from parallax.views.axis import axis_from_inputs, axis_value, describe_axis, form_values, resolve_axis


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


def test_the_url_names_a_preset_by_name_and_ones_own_axis_by_its_spec():
    assert axis_value(PRESET_AXES[1]) == PRESET_AXES[1].name
    own = axis_from_inputs("", "order", "police, arrests", "families", "children")
    assert axis_value(own) == format_axis(own) and resolve_axis(axis_value(own)) == (own, None)


def test_the_form_is_filled_in_with_the_axis_shown_and_the_caption_says_it_in_one_sentence():
    own = axis_from_inputs("", "order", "police, arrests", "families", "children")
    assert form_values(own) == ("", "order", "police, arrests", "families", "children"), "a default name stays blank"
    named = axis_from_inputs("Policing", "order", "police", "families", "children")
    assert form_values(named)[0] == "Policing"
    assert axis_from_inputs(*form_values(named)) == named
    assert describe_axis(own) == "order vs families: “order” (police, arrests) against “families” (children)."
