"""The Emphasis page's pair table on the hand-made bridge comparison: share of words, largest gap first."""

from __future__ import annotations

from parallax.views.emphasis import MODES, pair_differences, rows_note
from tests.helpers import hand_result


def test_two_outlets_claims_come_largest_difference_in_word_share_first():
    rows = pair_differences(hand_result(), "a", "b")
    assert [(r["claim"], r["a"], r["b"]) for r in rows] == [
        ("c4", 0.0, 0.48),
        ("c2", 0.32, 0.0),
        ("c3", 0.2, 0.0),
        ("c1", 0.48, 0.52),
    ]
    assert rows[0]["label"] == "Residents complained"
    assert [r["claim"] for r in pair_differences(hand_result(), "a", "b", limit=2)] == ["c4", "c2"]


def test_long_labels_are_clipped_and_the_modes_are_the_charts_measures():
    result = hand_result()
    result["claims"][0]["label"] = "reopened " * 20
    row = next(r for r in pair_differences(result, "a", "c") if r["claim"] == "c1")
    assert row["label"].endswith("…") and len(row["label"]) <= 100
    assert list(MODES) == ["prominence", "word_share"]


def test_a_chart_of_the_top_claims_says_how_many_it_leaves_out():
    assert rows_note(20, 113, "claims") == (
        "Showing the 20 of 113 claims on which the outlets differ most; switch on “Show all claims” for the rest."
    )
    assert rows_note(20, 12, "shared claims") == "", "nothing is left out"
    assert rows_note(None, 113, "claims") == "", "all are shown"
