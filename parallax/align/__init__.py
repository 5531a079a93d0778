"""Passage alignment: candidate pairs by cosine, their features, and the scorer's score and grade.

Only candidate pairs (each passage's nearest passages in every other article) are scored, so time
and memory grow with the passages, not with their square; every other pair is `unrelated`. Within
an event each pair is scored with the others in view (the scorer's collective stage).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from parallax.align.candidates import Candidates, candidate_pairs
from parallax.align.collective import EventPairs
from parallax.align.pair_features import (
    CONTEXT_FEATURES,
    FEATURES,
    EventStats,
    event_stats,
    pair_features,
    signals_of,
)
from parallax.align.scorer import Scorer, load_scorer
from parallax.align.signals import PassageSignals
from parallax.model import PairScore, Passage

__all__ = ["KEEP_SCORE", "EventFeatures", "align_passages", "event_features", "isolated_features", "match_pairs"]

KEEP_SCORE = 0.05
"""Candidate pairs scoring below this are left out of the result: they are certainly not matches."""


@dataclass(frozen=True)
class EventFeatures:
    """An event's candidate pairs and their feature rows, with what the features were read from."""

    candidates: Candidates
    features: np.ndarray
    signals: list[PassageSignals]
    stats: EventStats
    article_of: np.ndarray

    @property
    def pairs(self) -> EventPairs:
        """Where the candidate pairs sit, for the scorer's collective stage."""
        return EventPairs(self.candidates.i, self.candidates.j, self.article_of, self.candidates.cosine)


def event_features(texts: Sequence[str], article_of: np.ndarray, vectors: np.ndarray) -> EventFeatures:
    """Candidates and features for all passages of an event (rows in reading order, article by article)."""
    owner = np.asarray(article_of)
    matrix = np.asarray(vectors, dtype=np.float32)
    candidates = candidate_pairs(owner, matrix)
    signals = signals_of(texts)
    stats = event_stats(signals)
    return EventFeatures(candidates, pair_features(candidates, signals, stats, matrix, owner), signals, stats, owner)


def align_passages(
    passages: Mapping[str, Sequence[Passage]],
    vectors: Mapping[str, np.ndarray],
    threshold: float,
    scorer: Scorer | None = None,
) -> list[PairScore]:
    """Scored and graded candidate pairs across articles, the earlier article's passage first."""
    flat = [p for article in passages.values() for p in article]
    if not flat:
        return []
    order = {aid: k for k, aid in enumerate(passages)}
    owner = np.array([order[p.article_id] for p in flat])
    found = event_features([p.text for p in flat], owner, np.stack([vectors[p.id] for p in flat]))
    scored = (scorer or load_scorer()).score(found.features, threshold, pairs=found.pairs)
    pairs = []
    for k, (i, j) in enumerate(zip(found.candidates.i.tolist(), found.candidates.j.tolist(), strict=True)):
        score = float(scored.score[k])
        if score >= KEEP_SCORE or scored.match[k]:
            pairs.append(PairScore(flat[i].id, flat[j].id, round(score, 4), bool(scored.match[k]), scored.grade[k]))
    return pairs


def isolated_features(pairs: Sequence[tuple[str, str]], encoder) -> np.ndarray:
    """Feature rows for pairs of texts given on their own (the context features are left at 0).

    The pairs stand for one event: how rare a word or name is counts over every distinct text given.
    """
    texts = sorted({t for pair in pairs for t in pair})
    row = {t: k for k, t in enumerate(texts)}
    vectors = np.asarray(encoder.encode(texts), dtype=np.float32)
    i = np.array([row[a] for a, _ in pairs], dtype=np.int64)
    j = np.array([row[b] for _, b in pairs], dtype=np.int64)
    cosine = np.einsum("ij,ij->i", vectors[i], vectors[j]).astype(np.float64)
    zeros, none = np.zeros(len(pairs), dtype=np.int64), np.full(len(pairs), -2.0)
    candidates = Candidates(i, j, cosine, zeros, zeros, cosine, cosine, none, none)
    signals = signals_of(texts)
    rows = pair_features(candidates, signals, event_stats(signals), vectors, np.arange(len(texts)))
    rows[:, [FEATURES.index(f) for f in CONTEXT_FEATURES]] = 0.0
    return rows


def match_pairs(
    pairs: Sequence[tuple[str, str]], encoder, threshold: float | None = None, scorer: Scorer | None = None
) -> list[tuple[float, bool, str]]:
    """(score, match, grade) for pairs of texts given on their own, by the scorer's pair-only models.

    The pairs stand for one event: how rare a word or name is counts over every distinct text given.
    """
    if not pairs:
        return []
    scorer = scorer or load_scorer()
    rows = isolated_features(pairs, encoder)
    scored = scorer.score(rows, threshold, in_event=False)
    return [(float(s), bool(m), g) for s, m, g in zip(scored.score, scored.match, scored.grade, strict=True)]
