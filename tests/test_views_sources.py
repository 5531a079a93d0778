"""The Sources page's notes on the hand-made bridge comparison: each article's size, and what was left out."""

from __future__ import annotations

from parallax.views.sources import dropped_sources, source_sizes
from tests.helpers import hand_result


def test_each_analysed_article_has_its_size_and_each_dropped_source_its_reason():
    assert source_sizes(hand_result()) == {
        "a": "25 words, 3 passages", "b": "23 words, 2 passages", "c": "14 words, 2 passages"}
    assert dropped_sources(hand_result()) == {"empty.txt": "the file is empty"}


def test_without_a_result_nothing_is_analysed_or_dropped():
    assert source_sizes(None) == {} and dropped_sources(None) == {}
