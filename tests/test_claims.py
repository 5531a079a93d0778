"""Claims group the passages that report one thing, one claim per passage at most."""

from parallax.claims import group_claims, short_label
from tests.helpers import pair, passages_of


def _three_outlets():
    return {
        "a": passages_of("a", "The president met the visitor.", "Prison holds 40,000.", "Rain fell."),
        "b": passages_of("b", "Prison capacity is 40,000.", "The leaders met in the Oval Office."),
        "c": passages_of("c", "Leaders met at the White House.", "A court ruled on Thursday."),
    }


def test_matched_passages_form_one_claim_and_others_stand_alone():
    passages = _three_outlets()
    alignments = [pair("a:0", "b:1", 0.9), pair("a:0", "c:0", 0.85), pair("b:1", "c:0", 0.8), pair("a:1", "b:0", 0.7)]
    claims = group_claims(passages, alignments, threshold=0.5, reference="a")
    by_passages = {c.passages: c for c in claims}
    assert ("a:0", "b:1", "c:0") in by_passages
    assert by_passages[("a:0", "b:1", "c:0")].outlets == ("a", "b", "c")
    assert ("a:1", "b:0") in by_passages
    assert ("a:2",) in by_passages and ("c:1",) in by_passages
    every = [pid for c in claims for pid in c.passages]
    assert sorted(every) == sorted(p.id for ps in passages.values() for p in ps)


def test_claims_are_ordered_by_outlets_then_reference_position():
    passages = _three_outlets()
    alignments = [pair("a:0", "b:1", 0.9), pair("a:0", "c:0", 0.85), pair("b:1", "c:0", 0.8), pair("a:1", "b:0", 0.7)]
    claims = group_claims(passages, alignments, threshold=0.5, reference="a")
    assert [c.id for c in claims] == [f"c{k}" for k in range(1, len(claims) + 1)]
    assert [len(c.outlets) for c in claims][:2] == [3, 2]
    assert claims[2].passages == ("a:2",)


def test_weak_scores_below_the_threshold_do_not_join():
    passages = _three_outlets()
    claims = group_claims(passages, [pair("a:2", "c:1", 0.3)], threshold=0.5, reference="a")
    assert all(len(c.passages) == 1 for c in claims)


def test_a_stricter_threshold_splits_a_loose_claim():
    passages = _three_outlets()
    scores = [("a:0", "b:1", 0.9), ("a:0", "c:0", 0.6), ("b:1", "c:0", 0.6)]
    loose = group_claims(passages, [pair(a, b, s, 0.5) for a, b, s in scores], threshold=0.5)
    strict = group_claims(passages, [pair(a, b, s, 0.85) for a, b, s in scores], threshold=0.85)
    assert max(len(c.passages) for c in loose) == 3
    assert max(len(c.passages) for c in strict) == 2


def test_label_drops_the_dateline_and_stays_short():
    text = "WASHINGTON (Meridian Wire) — " + " ".join(f"word{i}" for i in range(30))
    label = short_label(text)
    assert label.startswith("word0 ")
    assert label.endswith("…")
    assert len(label.split()) == 14
    assert short_label("Short fact.") == "Short fact."


def test_a_chain_of_loose_matches_never_puts_two_passages_of_one_article_in_a_claim():
    passages = {
        "a": passages_of("a", "The meeting took place.", "The prison holds gang members."),
        "b": passages_of("b", "Leaders met and discussed the prison."),
    }
    alignments = [pair("a:0", "b:0", 0.8), pair("a:1", "b:0", 0.7)]
    claims = group_claims(passages, alignments, threshold=0.5, reference="a")
    joined = next(c for c in claims if "b:0" in c.passages)
    assert joined.passages == ("a:0", "b:0")


def test_a_passage_repeating_its_articles_claim_joins_that_claim():
    passages = {
        "a": passages_of("a", "Bukele refused to return him.", "Rain fell.", "Again, Bukele refused to return him."),
        "b": passages_of("b", "Bukele said he would not return him."),
        "c": passages_of("c", "He will not be returned, Bukele said."),
    }
    alignments = [
        pair("a:0", "b:0", 0.9), pair("a:0", "c:0", 0.9), pair("b:0", "c:0", 0.9),
        pair("a:2", "b:0", 0.8), pair("a:2", "c:0", 0.75),
    ]
    claims = group_claims(passages, alignments, threshold=0.5, reference="a")
    assert claims[0].passages == ("a:0", "a:2", "b:0", "c:0")
    assert claims[0].outlets == ("a", "b", "c")
    assert ("a:1",) in {c.passages for c in claims}


def test_a_passage_matching_only_one_member_does_not_join_a_claim():
    passages = {
        "a": passages_of("a", "Trump wants to send homegrown criminals abroad."),
        "b": passages_of("b", "Trump said he would send homegrown criminals too."),
        "c": passages_of("c", "He would like to send homegrown offenders as well."),
        "d": passages_of("d", "The prison holds thousands of gang members."),
    }
    alignments = [
        pair("a:0", "b:0", 0.95), pair("a:0", "c:0", 0.95), pair("b:0", "c:0", 0.95),
        pair("a:0", "d:0", 0.9), pair("b:0", "d:0", 0.4), pair("c:0", "d:0", 0.35),
    ]
    claims = group_claims(passages, alignments, threshold=0.5, reference="a")
    assert claims[0].passages == ("a:0", "b:0", "c:0")
    assert ("d:0",) in {c.passages for c in claims}


def test_a_cut_label_ends_with_one_ellipsis_not_punctuation_and_ellipsis():
    text = " ".join(["word"] * 13) + " end. More words follow here."
    assert short_label(text).endswith("end…")
