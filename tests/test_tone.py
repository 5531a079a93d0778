"""Tone lens: warmer and colder tellings of one fact, per article, per claim, and the largest gaps."""

from __future__ import annotations

from parallax.lenses.tone import (
    same_fact_tone,
    tone_by_article,
    tone_by_claim,
    tone_by_passage,
    tone_gaps,
    tone_lens,
    tone_of,
)
from parallax.model import PairScore, Passage

WARM = "Bukele warmly welcomed the agreement, praising a wonderful and historic friendship."
PLAIN = "Bukele and Trump met in the Oval Office on Monday."
COLD = "Bukele coldly defended the cruel agreement, a disgraceful and shameful betrayal."
# One fact told by an admirer and by a critic: the topic's words ("crime", "gangs") pull both below zero.
HERO = "His hard line on crime and gangs has made him a hero to voters."
FEARED = "His hard line on crime and gangs has made him feared and hated by voters."
FELL = "Crime and gang violence fell sharply, and voters cheered."


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
    assert set(lens) == {"passages", "articles", "same_fact", "gaps"}
    assert lens["gaps"][0]["a"] == "a:0"
    with_claims = tone_lens(passages, alignments, claims=[{"id": "c1", "passages": ["a:0", "b:0"]}])
    assert set(with_claims["claims"]["c1"]) == {"a", "b"}


def test_the_admirers_telling_of_a_crime_fact_scores_negative_alone_but_warmer_than_the_critics():
    assert tone_of(HERO) < 0, "alone, the score follows the topic's words"
    passages = [_p("hawk:0", HERO), _p("hawk:1", FELL), _p("dove:0", FEARED), _p("dove:1", COLD)]
    tone = tone_by_passage(passages)
    owner = {p.id: p.article_id for p in passages}
    alignments = [PairScore("hawk:0", "dove:0", 0.95, True, "same")]
    same = same_fact_tone(alignments, tone, owner)
    assert same["passages"] == {"hawk:0": round(tone["hawk:0"] - tone["dove:0"], 4),
                                "dove:0": round(tone["dove:0"] - tone["hawk:0"], 4)}
    assert same["passages"]["hawk:0"] > 0.5 > -0.5 > same["passages"]["dove:0"]
    assert same["articles"] == {"hawk": {"mean": same["passages"]["hawk:0"], "pairs": 1},
                                "dove": {"mean": same["passages"]["dove:0"], "pairs": 1}}


def test_same_fact_tone_averages_every_same_pair_and_ignores_overlaps_and_unmatched_pairs():
    passages = [_p("a:0", HERO), _p("b:0", FEARED), _p("c:0", HERO), _p("a:1", FELL), _p("b:1", WARM)]
    tone = tone_by_passage(passages)
    owner = {p.id: p.article_id for p in passages}
    alignments = [
        PairScore("a:0", "b:0", 0.95, True, "same"),
        PairScore("a:0", "c:0", 0.99, True, "same"),      # told alike: a difference of 0 counts too
        PairScore("a:1", "b:1", 0.8, True, "overlap"),    # another fact may carry the tone: ignored
        PairScore("a:1", "c:0", 0.3, False, "same"),      # not matched: ignored
    ]
    same = same_fact_tone(alignments, tone, owner)
    a_diffs = [tone["a:0"] - tone["b:0"], 0.0]
    assert same["passages"]["a:0"] == round(sum(a_diffs) / 2, 4)
    assert same["articles"]["a"] == {"mean": round(sum(a_diffs) / 2, 4), "pairs": 2}
    assert same["articles"]["c"] == {"mean": 0.0, "pairs": 1}
    assert "a:1" not in same["passages"] and "b:1" not in same["passages"]
    assert same_fact_tone([], tone, owner) == {"passages": {}, "articles": {}}
