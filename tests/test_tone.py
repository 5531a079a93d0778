"""Tone lens: warmer and colder tellings of one fact, per article, per claim, and the largest gaps."""

from __future__ import annotations

from parallax.lenses.tone import tone_by_article, tone_by_claim, tone_by_passage, tone_gaps, tone_lens, tone_of
from parallax.model import PairScore, Passage

WARM = "Bukele warmly welcomed the agreement, praising a wonderful and historic friendship."
PLAIN = "Bukele and Trump met in the Oval Office on Monday."
COLD = "Bukele coldly defended the cruel agreement, a disgraceful and shameful betrayal."


def _p(pid: str, text: str) -> Passage:
    return Passage(pid, pid.split(":")[0], int(pid.split(":")[1]), text, 0, len(text))


def test_warmer_telling_of_one_fact_scores_above_the_plain_and_the_colder_one():
    assert tone_of(WARM) > 0.5
    assert tone_of(COLD) < -0.5
    assert tone_of(WARM) > tone_of(PLAIN) > tone_of(COLD)
    assert tone_of(PLAIN) == 0.0


def test_gaps_rank_the_warm_versus_cold_pair_first_and_only_compare_the_same_fact():
    passages = [_p("a:0", WARM), _p("b:0", COLD), _p("c:0", PLAIN), _p("a:1", PLAIN), _p("b:1", WARM),
                _p("c:1", COLD)]
    tone = tone_by_passage(passages)
    text = {p.id: p.text for p in passages}
    alignments = [
        PairScore("a:1", "c:0", 0.9, True, "same"),     # same tone: no gap, left out
        PairScore("a:0", "c:0", 0.8, True, "same"),     # warm vs plain
        PairScore("a:0", "b:0", 0.7, True, "same"),     # warm vs cold: the largest gap
        PairScore("a:1", "b:1", 0.2, False, "related"),  # not aligned: ignored however large
        PairScore("b:1", "c:1", 0.9, True, "overlap"),  # another fact may carry the tone: ignored
    ]
    gaps = tone_gaps(alignments, tone, text, top=10)
    assert [(g["a"], g["b"]) for g in gaps] == [("a:0", "b:0"), ("a:0", "c:0")]
    first = gaps[0]
    assert first["tone_a"] > 0 > first["tone_b"]
    assert first["gap"] == round(first["tone_a"] - first["tone_b"], 4)
    assert (first["text_a"], first["text_b"]) == (WARM, COLD)
    assert len(tone_gaps(alignments, tone, text, top=1)) == 1


def test_article_and_claim_tone_are_means_of_their_passages():
    passages = [_p("a:0", WARM), _p("a:1", COLD), _p("b:0", WARM)]
    tone = tone_by_passage(passages)
    by_article = tone_by_article(passages, tone)
    assert by_article["a"] == round((tone["a:0"] + tone["a:1"]) / 2, 4)
    assert by_article["b"] == tone["b:0"]
    claims = [{"id": "c1", "passages": ["a:0", "b:0"]}, {"id": "c2", "passages": ["a:1"]}]
    by_claim = tone_by_claim(claims, tone, {p.id: p.article_id for p in passages})
    assert by_claim == {"c1": {"a": tone["a:0"], "b": tone["b:0"]}, "c2": {"a": tone["a:1"]}}


def test_lens_holds_passages_articles_gaps_and_claims_only_when_given():
    passages = [_p("a:0", WARM), _p("b:0", COLD)]
    alignments = [PairScore("a:0", "b:0", 0.8, True, "same")]
    lens = tone_lens(passages, alignments)
    assert set(lens) == {"passages", "articles", "gaps"}
    assert lens["gaps"][0]["a"] == "a:0"
    with_claims = tone_lens(passages, alignments, claims=[{"id": "c1", "passages": ["a:0", "b:0"]}])
    assert set(with_claims["claims"]["c1"]) == {"a", "b"}
