"""The Alignment page's rows on the hand-made bridge comparison (tests/helpers.py), checked by hand.

Daily Planet (a) is the reference: its opening is matched by The Ledger (b:0) and Morning Star
(c:1), its cost passage by Morning Star (c:0), and nobody reports its ribbon passage (a:2). The
Ledger alone reports that residents complained (c4).
"""

from __future__ import annotations

import re

from components.markup import highlighted
from parallax.views.alignment import alignment, highlight_terms, page_ranges, pair_scores, shown
from tests.helpers import hand_result, plain


def test_each_reference_passage_gets_the_others_passages_of_its_claim_in_article_order():
    found = alignment(hand_result())
    assert (found.reference, found.outlet) == ("a", "Daily Planet")
    assert [row.passage["id"] for row in found.passages] == ["a:0", "a:1", "a:2"]
    opening, cost, ribbon = found.passages
    assert [(c.passage["id"], c.outlet, c.score) for c in opening.reported] == [
        ("b:0", "The Ledger", 0.88), ("c:1", "Morning Star", 0.8)]
    assert (opening.claim, opening.outlets, opening.elsewhere) == ("c1", 2, True)
    assert [(c.passage["id"], c.score) for c in cost.reported] == [("c:0", 0.7)]
    assert ribbon.reported == ribbon.loose == () and not ribbon.elsewhere, "0.1 is no match"
    assert found.shared == 2


def test_a_pairs_note_names_its_grade_or_says_match_score_for_an_old_result():
    result = hand_result()
    assert alignment(result).passages[0].reported[0].note == "match score, 0.88", "schema 1 has no grades"
    result["alignments"][0]["grade"] = "same"
    assert alignment(result).passages[0].reported[0].note == "same fact, 0.88"


def test_matches_that_did_not_join_the_claim_are_loose_the_best_one_per_outlet():
    result = hand_result()
    result["alignments"] += [
        {"a": "a:2", "b": "b:1", "score": 0.55, "match": True},
        {"a": "a:2", "b": "c:0", "score": 0.52, "match": True},
        {"a": "a:2", "b": "c:1", "score": 0.6, "match": True},
    ]
    result["alignments"].remove({"a": "a:2", "b": "b:1", "score": 0.1, "match": False})
    ribbon = alignment(result).passages[2]
    assert ribbon.reported == () and ribbon.elsewhere
    assert [(c.passage["id"], c.score) for c in ribbon.loose] == [("b:1", 0.55), ("c:1", 0.6)]
    opening = alignment(result).passages[0]
    assert opening.loose == (), "a match inside the claim is a counterpart, not a loose one"


def test_a_passage_nothing_matches_shows_the_closest_unmatched_passages_best_first_one_per_outlet():
    result = hand_result()
    result["alignments"] += [
        {"a": "a:2", "b": "c:0", "score": 0.3, "match": False, "grade": "related"},
        {"a": "a:2", "b": "c:1", "score": 0.2, "match": False, "grade": "related"},
        {"a": "a:2", "b": "b:0", "score": 0.15, "match": False, "grade": "unrelated"},
    ]
    found = alignment(result)
    ribbon = found.passages[2]
    assert not ribbon.elsewhere, "unmatched pairs do not make a passage reported elsewhere"
    assert [(c.passage["id"], c.outlet, c.score) for c in ribbon.nearest] == [
        ("c:0", "Morning Star", 0.3), ("b:1", "The Ledger", 0.1)]
    assert ribbon.nearest[0].note == "related, 0.30", "The Ledger's b:0 is closer but graded unrelated"
    assert all(row.nearest == () for row in found.passages[:2]), "a matched passage lists no near misses"


def test_what_the_reference_leaves_out_is_split_by_how_many_others_report_it():
    found = alignment(hand_result())
    assert [(m.claim["id"], m.outlets) for m in found.missing] == [("c4", ("The Ledger",))]
    assert found.missing_several == () and [m.claim["id"] for m in found.missing_single] == ["c4"]
    result = hand_result()
    result["reference"] = "b"
    other = alignment(result)
    assert [(m.claim["id"], m.outlets) for m in other.missing_several] == [("c2", ("Daily Planet", "Morning Star"))]
    assert [m.claim["id"] for m in other.missing_single] == ["c3"]
    assert [(c.passage["id"], c.score) for c in other.passages[0].reported] == [("a:0", 0.88), ("c:1", 0.75)]


def test_a_claim_the_reference_matches_loosely_is_not_listed_as_left_out():
    result = hand_result()
    result["alignments"].remove({"a": "a:2", "b": "b:1", "score": 0.1, "match": False})
    result["alignments"].append({"a": "a:2", "b": "b:1", "score": 0.55, "match": True, "grade": "overlap"})
    found = alignment(result)
    assert [c.passage["id"] for c in found.passages[2].loose] == ["b:1"], "the ribbon passage's card shows it"
    assert found.missing == (), "so the residents' claim (c4, b:1 alone) is not among what the reference leaves out"
    assert [m.claim["id"] for m in alignment(hand_result()).missing] == ["c4"], "without that match it is"


def test_the_filter_keeps_all_the_shared_or_the_unreported_passages():
    rows = alignment(hand_result()).passages
    assert [r.passage["id"] for r in shown(rows, "all")] == ["a:0", "a:1", "a:2"]
    assert [r.passage["id"] for r in shown(rows, "shared")] == ["a:0", "a:1"]
    assert [r.passage["id"] for r in shown(rows, "unique")] == ["a:2"]


def test_pair_scores_read_either_way_round():
    scores = pair_scores(hand_result())
    assert scores["a:0", "c:1"] == scores["c:1", "a:0"] == (0.8, "")
    assert ("a:0", "a:1") not in scores


def _term(term: str, z: float) -> dict:
    return {"term": term, "ngram": len(term.split()), "z": z, "delta": 1.0, "count": 2, "others": 0}


def test_only_clear_content_terms_are_highlighted_never_stop_calendar_or_outlet_words():
    result = hand_result()
    result["lenses"] = {"words": {"terms": {
        "a": [_term("ribbon", 2.4), _term("is", 3.0), _term("april", 2.8), _term("planet", 2.9), _term("set", 2.5),
              _term("repairs", 1.4), _term("mayor lee", 2.1), _term("daily planet", 2.2)],
        "b": [_term("ledger", 3.1), _term("residents", 2.0)],
    }}}
    assert highlight_terms(result) == {"a": ["ribbon", "mayor lee"], "b": ["residents"]}
    assert highlight_terms({"articles": [], "lenses": {}}) == {}


def test_a_highlight_takes_the_punctuation_glued_to_its_word_so_nothing_reads_spaced_apart():
    text = "WASHINGTON (Crossline) — Bukele's crackdown, \"tough\" and 'mass arrests': security-minded security."
    marked = highlighted(text, ["crossline", "bukele", "crackdown", "mass arrests", "security"])
    marks = [plain(m) for m in re.findall(r":orange-background\[((?:\\.|[^\]\\])*)\]", marked)]
    assert marks == ["(Crossline)", "Bukele's", "crackdown,", "security."]
    assert plain(marked) == text, "the passage reads as written"
    assert "<" not in marked


def test_the_passages_come_a_page_at_a_time():
    assert page_ranges(15) == [(0, 8), (8, 15)]
    assert page_ranges(8) == [(0, 8)] and page_ranges(0) == [(0, 0)]
    assert page_ranges(5, size=2) == [(0, 2), (2, 4), (4, 5)]


def test_what_the_reference_leaves_out_comes_most_reported_first():
    result = hand_result()
    traffic = {**result["articles"][2]["passages"][1], "id": "c:2", "index": 2, "text": "Traffic is back."}
    result["articles"][2]["passages"].append(traffic)
    result["claims"].append({"id": "c5", "label": "Traffic returns", "passages": ["b:1", "c:2"],
                             "outlets": ["b", "c"]})
    found = alignment(result)
    assert [m.claim["id"] for m in found.missing] == ["c5", "c4"], "two outlets before one"
