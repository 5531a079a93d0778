"""Tone lens: how much warmer or colder each outlet tells the same fact than the others do, from
VADER compound sentiment, and the aligned passages whose tone differs most ("same fact, different tone").

VADER (Hutto & Gilbert 2014) is a rule-based lexicon model that ships its lexicon in its package, so
it runs offline. The compound score runs from -1 (most negative) to +1 (most positive); 0 is neutral.
A passage's score follows its topic words as much as its framing ("crime" and "prison" score
negative, whoever praises the crackdown), so an outlet's mean score mostly says what it writes
about. Framing shows only where two outlets tell one fact: the tone is compared between passages
graded `same` (one fact), where the topic words are shared and cancel out.

JSON shape (the result dict's ``lenses["tone"]``)::

    {"passages": {passage_id: float},            # compound score, -1..1, rounded to 4 places
     "articles": {article_id: float},            # mean over the article's passages (topic-driven)
     "same_fact": {"passages": {passage_id: float},   # its tone minus the mean tone of the other
                                                       # articles' passages graded `same` with it, -2..2
                   "articles": {article_id: {"mean": float,   # mean of its tone minus the other's over
                                             "pairs": int}}},  # every `same` pair it is in; how many
     "claims":   {claim_id: {article_id: float}},  # mean over the claim's passages in that article;
                                                   # only present when claims are given
     "gaps": [{"a": passage_id, "b": passage_id,   # pairs graded "same" (one fact), largest gap first
               "tone_a": float, "tone_b": float,
               "gap": float,                        # |tone_a - tone_b|, 0..2
               "text_a": str, "text_b": str}]}      # the two passages, for showing side by side
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from statistics import fmean
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from parallax.model import PairScore, Passage

__all__ = [
    "tone_of",
    "tone_by_passage",
    "tone_by_article",
    "same_fact_tone",
    "tone_gaps",
    "tone_by_claim",
    "tone_lens",
]


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """One shared analyzer: loading the lexicon is the only costly step."""
    return SentimentIntensityAnalyzer()


def tone_of(text: str) -> float:
    """VADER compound score of one text, -1 (negative) to +1 (positive)."""
    return round(float(_analyzer().polarity_scores(text)["compound"]), 4)


def tone_by_passage(passages: Iterable[Passage]) -> dict[str, float]:
    """Compound score of every passage, keyed by passage id."""
    return {p.id: tone_of(p.text) for p in passages}


def tone_by_article(passages: Iterable[Passage], tone: Mapping[str, float]) -> dict[str, float]:
    """Mean passage tone of each article that has passages, keyed by article id."""
    scores: dict[str, list[float]] = defaultdict(list)
    for p in passages:
        if p.id in tone:
            scores[p.article_id].append(tone[p.id])
    return {article: round(fmean(values), 4) for article, values in scores.items()}


def _same_pairs(alignments: Iterable[PairScore], tone: Mapping[str, float]) -> list[PairScore]:
    """Matched pairs graded `same` whose two passages both have a tone: one fact told twice."""
    return [p for p in alignments if p.match and p.grade == "same" and p.a in tone and p.b in tone]


def same_fact_tone(
    alignments: Iterable[PairScore], tone: Mapping[str, float], passage_article: Mapping[str, str]
) -> dict[str, Any]:
    """How much warmer (+) or colder (-) each passage and each article tells a fact than the other
    articles tell the same fact, over the pairs graded `same` (shape in the module docstring)."""
    by_passage: dict[str, list[float]] = defaultdict(list)
    by_article: dict[str, list[float]] = defaultdict(list)
    for pair in _same_pairs(alignments, tone):
        if passage_article.get(pair.a) == passage_article.get(pair.b):
            continue
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            by_passage[mine].append(tone[mine] - tone[other])
            if mine in passage_article:
                by_article[passage_article[mine]].append(tone[mine] - tone[other])
    return {
        "passages": {pid: round(fmean(d), 4) for pid, d in by_passage.items()},
        "articles": {aid: {"mean": round(fmean(d), 4), "pairs": len(d)} for aid, d in by_article.items()},
    }


def tone_gaps(
    alignments: Iterable[PairScore],
    tone: Mapping[str, float],
    passage_text: Mapping[str, str],
    top: int = 10,
) -> list[dict[str, Any]]:
    """The `top` pairs graded `same` whose tones differ most: the same fact told warmer or colder.

    Only `same` pairs: in an `overlap` the other fact, not the telling, may carry the tone.
    """
    gaps = []
    for pair in _same_pairs(alignments, tone):
        gap = abs(tone[pair.a] - tone[pair.b])
        if gap <= 0.0:
            continue
        gaps.append(
            {
                "a": pair.a,
                "b": pair.b,
                "tone_a": tone[pair.a],
                "tone_b": tone[pair.b],
                "gap": round(gap, 4),
                "text_a": passage_text.get(pair.a, ""),
                "text_b": passage_text.get(pair.b, ""),
            }
        )
    gaps.sort(key=lambda g: (-g["gap"], g["a"], g["b"]))
    return gaps[:top]


def tone_by_claim(
    claims: Iterable[Mapping[str, Any]],
    tone: Mapping[str, float],
    passage_article: Mapping[str, str],
) -> dict[str, dict[str, float]]:
    """Mean tone of each claim's passages per article: {claim id: {article id: mean}}.

    `claims` are plain dicts with "id" and "passages" (passage ids), as in the result dict.
    """
    out: dict[str, dict[str, float]] = {}
    for claim in claims:
        scores: dict[str, list[float]] = defaultdict(list)
        for pid in claim["passages"]:
            if pid in tone and pid in passage_article:
                scores[passage_article[pid]].append(tone[pid])
        out[str(claim["id"])] = {article: round(fmean(v), 4) for article, v in scores.items()}
    return out


def tone_lens(
    passages: Sequence[Passage],
    alignments: Iterable[PairScore],
    claims: Iterable[Mapping[str, Any]] | None = None,
    top: int = 10,
) -> dict[str, Any]:
    """The whole tone lens as JSON-ready data (shape in the module docstring)."""
    tone = tone_by_passage(passages)
    owner = {p.id: p.article_id for p in passages}
    alignments = list(alignments)
    result: dict[str, Any] = {
        "passages": tone,
        "articles": tone_by_article(passages, tone),
        "same_fact": same_fact_tone(alignments, tone, owner),
    }
    if claims is not None:
        result["claims"] = tone_by_claim(claims, tone, owner)
    result["gaps"] = tone_gaps(alignments, tone, {p.id: p.text for p in passages}, top=top)
    return result
