"""A claim's window on the hand-made bridge comparison: columns, scores beside them, who leaves it out."""

from __future__ import annotations

from parallax.views.claims import claim_view
from tests.helpers import hand_result


def claim(result: dict, claim_id: str) -> dict:
    return next(c for c in result["claims"] if c["id"] == claim_id)


def test_every_reporting_outlet_gets_a_column_reference_first_scored_against_the_reference():
    result = hand_result()
    found = claim_view(result, claim(result, "c1"))
    assert found.label == "The bridge reopened Monday" and found.outlets == 3 and found.missing == ()
    assert [(c.outlet, c.reference) for c in found.columns] == [
        ("Daily Planet", True), ("The Ledger", False), ("Morning Star", False)]
    assert [(p.position, p.note) for c in found.columns for p in c.passages] == [
        ("Passage 1 of 3", ""),
        ("Passage 1 of 2", " · match score, 0.88 with the reference"),
        ("Passage 2 of 2", " · match score, 0.80 with the reference"),
    ]
    assert found.elsewhere == ()


def test_the_reference_column_comes_first_whichever_article_it_is():
    result = hand_result()
    result["reference"] = "c"
    found = claim_view(result, claim(result, "c2"))
    assert [c.article for c in found.columns] == ["c", "a"]
    assert found.columns[1].passages[0].note == " · match score, 0.70 with the reference"
    assert found.missing == ("The Ledger",)


def test_a_claim_the_reference_lacks_is_scored_among_its_own_passages():
    result = hand_result()
    result["reference"] = "b"
    found = claim_view(result, claim(result, "c2"))
    assert [p.note for c in found.columns for p in c.passages] == [
        " · match score, 0.70 with the others", " · match score, 0.70 with the others"]


def test_a_lone_claim_lists_the_passages_matched_to_it_too_loosely_to_join():
    result = hand_result()
    lone = claim(result, "c4")
    assert claim_view(result, lone).elsewhere == (), "0.1 is no match"
    result["alignments"][-1] = {"a": "a:2", "b": "b:1", "score": 0.55, "match": True}
    found = claim_view(result, lone)
    assert [c.outlet for c in found.columns] == ["The Ledger"] and found.missing == ("Morning Star",), (
        "Daily Planet's loosely matched passage is shown, so Daily Planet is not said to leave the claim out")
    assert [(p.outlet, p.position, p.note, p.text) for p in found.elsewhere] == [
        ("Daily Planet", "Passage 3 of 3", " · match score, 0.55 with this passage", "Mayor Lee cut the ribbon.")]


def test_each_outlet_leaving_a_claim_out_shows_its_closest_passage_that_fell_short():
    result = hand_result()
    result["alignments"].append({"a": "b:1", "b": "c:0", "score": 0.3, "match": False, "grade": "related"})
    result["alignments"].append({"a": "b:1", "b": "c:1", "score": 0.4, "match": False, "grade": "unrelated"})
    found = claim_view(result, claim(result, "c4"))
    assert found.elsewhere == ()
    assert [(p.outlet, p.position, p.note) for p in found.nearest] == [
        ("Morning Star", "Passage 1 of 2", " · related, 0.30 with this claim"),
        ("Daily Planet", "Passage 3 of 3", " · match score, 0.10 with this claim"),
    ], "best first, one per outlet, never one graded unrelated"
    result["alignments"].append({"a": "a:1", "b": "b:1", "score": 0.2, "match": False, "grade": "related"})
    cost = claim_view(result, claim(result, "c2"))
    assert [(p.outlet, p.note) for p in cost.nearest] == [("The Ledger", " · related, 0.30 with this claim")], (
        "The Ledger leaves the cost out: its passage closest to any of the claim's, c:0 at 0.3")
    assert claim_view(result, claim(result, "c1")).nearest == (), "every outlet reports it"
    result["alignments"][4] = {"a": "a:2", "b": "b:1", "score": 0.55, "match": True}
    assert [p.outlet for p in claim_view(result, claim(result, "c4")).nearest] == ["Morning Star"], (
        "Daily Planet's loose match is shown instead of its closest passage; Morning Star still leaves it out")


def test_an_outlet_matched_loosely_to_a_shared_claim_is_shown_not_said_to_leave_it_out():
    result = hand_result()
    result["alignments"][4] = {"a": "c:0", "b": "b:1", "score": 0.52, "match": True, "grade": "overlap"}
    found = claim_view(result, claim(result, "c2"))
    assert [c.outlet for c in found.columns] == ["Daily Planet", "Morning Star"] and found.missing == ()
    assert [(p.outlet, p.position, p.note) for p in found.elsewhere] == [
        ("The Ledger", "Passage 2 of 2", " · overlaps, 0.52 with this claim")]
    assert found.nearest == ()
    assert claim_view(hand_result(), claim(hand_result(), "c2")).missing == ("The Ledger",), "without the match"
