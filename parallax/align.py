"""Score every cross-article passage pair and decide which report the same thing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from parallax.model import PairScore, Passage

__all__ = ["PairScorer", "align_articles", "KEEP_SCORE"]

KEEP_SCORE = 0.05
"""Pairs scoring below this are left out of the result: they are certainly not matches."""

PairScorer = Callable[[Sequence[str], Sequence[str], np.ndarray], np.ndarray]
"""(texts of article A, texts of article B, their cosine matrix) -> match probabilities."""


def align_articles(
    passages: Mapping[str, Sequence[Passage]],
    vectors: Mapping[str, np.ndarray],
    scorer: PairScorer,
    threshold: float,
) -> list[PairScore]:
    """Score each pair of passages from two different articles, in article order (a before b)."""
    ids = list(passages)
    pairs: list[PairScore] = []
    for i, left in enumerate(ids):
        for right in ids[i + 1 :]:
            pairs.extend(_align_pair(passages[left], passages[right], vectors, scorer, threshold))
    return pairs


def _align_pair(
    left: Sequence[Passage],
    right: Sequence[Passage],
    vectors: Mapping[str, np.ndarray],
    scorer: PairScorer,
    threshold: float,
) -> list[PairScore]:
    if not left or not right:
        return []
    va = np.stack([vectors[p.id] for p in left])
    vb = np.stack([vectors[p.id] for p in right])
    scores = scorer([p.text for p in left], [p.text for p in right], va @ vb.T)
    rows, cols = np.nonzero(scores >= min(KEEP_SCORE, threshold))
    return [
        PairScore(
            a=left[r].id,
            b=right[c].id,
            score=round(float(scores[r, c]), 4),
            match=bool(scores[r, c] >= threshold),
        )
        for r, c in zip(rows, cols, strict=True)
    ]
