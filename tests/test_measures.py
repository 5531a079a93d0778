"""Coverage and emphasis figures, checked on numbers worked out by hand."""

import pytest

from parallax.measures import measure, omission_quorum
from parallax.model import Claim
from tests.helpers import passages_of


def _event():
    passages = {
        "a": passages_of("a", "one two three four", "five six", "seven eight nine ten"),
        "b": passages_of("b", "alpha beta", "gamma delta epsilon zeta"),
        "c": passages_of("c", "uno dos tres", "cuatro"),
        "d": passages_of("d", "eins zwei", "drei vier"),
    }
    claims = [
        Claim("c1", "shared", ("a:2", "b:0", "c:0"), ("a", "b", "c")),
        Claim("c2", "a alone", ("a:0",), ("a",)),
        Claim("c3", "three", ("b:1", "c:1", "d:0"), ("b", "c", "d")),
        Claim("c4", "a and d", ("a:1", "d:1"), ("a", "d")),
    ]
    return passages, claims


def test_outlet_figures():
    passages, claims = _event()
    outlets = measure(passages, claims)["outlets"]
    assert outlets["a"] == {
        "words": 10,
        "passages": 3,
        "claims": 3,
        "unique_claims": ["c2"],
        "omitted_claims": ["c3"],
        "lead_claim": "c2",
    }
    assert outlets["d"]["omitted_claims"] == ["c1"]
    assert outlets["b"]["omitted_claims"] == ["c4"]
    assert outlets["b"]["lead_claim"] == "c1"


def test_a_dash_is_not_a_word():
    passages = {"a": passages_of("a", "He said — yes"), "b": passages_of("b", "No.")}
    assert measure(passages, [])["outlets"]["a"]["words"] == 3


def test_claim_coverage_position_and_share():
    passages, claims = _event()
    cover = measure(passages, claims)["claims"]["c1"]["coverage"]
    assert cover["a"] == {"covered": True, "position": 1.0, "lead": False, "prominence": 0.0, "word_share": 0.4}
    assert cover["b"]["lead"] is True and cover["b"]["prominence"] == 1.0
    assert cover["b"]["word_share"] == pytest.approx(2 / 6, abs=1e-4)
    assert cover["d"] == {"covered": False, "position": None, "lead": False, "prominence": 0.0, "word_share": 0.0}
    assert measure(passages, claims)["claims"]["c1"]["outlets"] == 3


def test_pair_similarity_and_divergence():
    passages, claims = _event()
    pairs = {(p["a"], p["b"]): p for p in measure(passages, claims)["pairs"]}
    assert set(pairs) == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")}
    assert pairs[("a", "b")]["coverage_similarity"] == pytest.approx(1 / 4)
    assert pairs[("b", "c")]["coverage_similarity"] == 1.0
    assert pairs[("a", "d")]["coverage_similarity"] == pytest.approx(1 / 4)
    assert 0.0 <= pairs[("b", "c")]["emphasis_divergence"] < pairs[("a", "d")]["emphasis_divergence"] <= 1.0


def test_identical_emphasis_has_no_divergence():
    passages = {"a": passages_of("a", "x y", "z w"), "b": passages_of("b", "p q", "r s")}
    claims = [Claim("c1", "", ("a:0", "b:0"), ("a", "b")), Claim("c2", "", ("a:1", "b:1"), ("a", "b"))]
    (only,) = measure(passages, claims)["pairs"]
    assert only["emphasis_divergence"] == 0.0 and only["coverage_similarity"] == 1.0


def test_omission_needs_most_of_the_others():
    assert omission_quorum(3) == 2
    assert omission_quorum(4) == 2
    assert omission_quorum(6) == 3


def test_a_lone_claim_whose_passage_the_matcher_paired_is_not_only_that_outlets():
    from tests.helpers import pair

    passages, claims = _event()
    assert measure(passages, claims)["outlets"]["a"]["unique_claims"] == ["c2"]
    paired = measure(passages, claims, [pair("a:0", "b:1", 0.6)])
    assert paired["outlets"]["a"]["unique_claims"] == []
    unpaired = measure(passages, claims, [pair("a:0", "b:1", 0.3)])
    assert unpaired["outlets"]["a"]["unique_claims"] == ["c2"]


def test_an_outlet_whose_passage_the_matcher_paired_with_a_claim_does_not_omit_it():
    from tests.helpers import pair

    passages, claims = _event()
    assert measure(passages, claims)["outlets"]["a"]["omitted_claims"] == ["c3"]
    paired = measure(passages, claims, [pair("a:0", "d:0", 0.7)])
    assert paired["outlets"]["a"]["omitted_claims"] == []
