"""Candidate pairs for alignment: each passage's nearest passages in every other article, found blockwise.

Scoring every cross-article pair grows with the square of the passages; a passage's counterparts,
if it has any, are among its few nearest by cosine in each other article. Rows are compared in
blocks, so no matrix larger than one block times the passages is ever held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["BLOCK_ROWS", "Candidates", "PER_ARTICLE", "PER_PASSAGE", "candidate_pairs"]

PER_ARTICLE = 5
"""A passage's nearest passages kept in each other article."""
PER_PASSAGE = 24
"""At most this many candidates per passage in all (the nearest), so work grows linearly with passages."""
BLOCK_ROWS = 512
_PADDED_CELLS = 4_000_000
"""At most this many cosines held per block once every article is padded to the longest (32 MB)."""
_PAIR_ROWS = 4096
"""Pairs whose cosine is taken at once: two copies of their rows stay small (12 MB each)."""


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs (i < j, from different articles) as parallel arrays, with their cosine.

    `rank_ij` is j's rank among i's cosines in j's article (0 = nearest), `rank_ji` the reverse;
    `best_i_in_j` is i's best cosine in j's article, `best_j_in_i` the reverse.
    """

    i: np.ndarray
    j: np.ndarray
    cosine: np.ndarray
    rank_ij: np.ndarray
    rank_ji: np.ndarray
    best_i_in_j: np.ndarray
    best_j_in_i: np.ndarray
    second_i_in_j: np.ndarray
    second_j_in_i: np.ndarray

    def __len__(self) -> int:
        return len(self.i)


def candidate_pairs(
    article_of: Sequence[int] | np.ndarray,
    vectors: np.ndarray,
    per_article: int = PER_ARTICLE,
    per_passage: int = PER_PASSAGE,
    block_rows: int = BLOCK_ROWS,
) -> Candidates:
    """Pairs of rows from different articles where either row is among the other's nearest.

    `article_of[r]` is the article index of row r; `vectors` are unit rows. For every row, its
    `per_article` nearest rows in each other article are kept, then its `per_passage` nearest of those.
    The blocks' products, which only choose the neighbours, are taken in float64, so the pairs do not
    change with how many threads the machine's BLAS uses (a Ray worker runs one): float32 products differ
    there in their last bits, often enough to reorder near neighbours. Every cosine a feature reads is then
    taken again pair by pair by elementwise sums, the same bits on any thread count.
    """
    owner = np.asarray(article_of, dtype=np.int64)
    matrix = np.asarray(vectors, dtype=np.float32)
    n = len(owner)
    articles = np.unique(owner)
    if n == 0 or len(articles) < 2:
        return _empty()
    column = np.searchsorted(articles, owner)
    spans = [np.nonzero(owner == a)[0] for a in articles]
    longest = max(len(m) for m in spans)
    k = max(1, min(per_article, longest))
    # Every article's rows side by side, padded to the longest: each block's top-k for all articles in one sort.
    padded = np.full((len(articles), longest), n, dtype=np.int64)
    for a, members in enumerate(spans):
        padded[a, : len(members)] = members
    near = np.empty((n, len(articles), k), dtype=np.int64)
    near_cos = np.empty((n, len(articles), k), dtype=np.float64)
    exact = matrix.astype(np.float64)
    step = max(1, min(block_rows, _PADDED_CELLS // padded.size))
    for start in range(0, n, step):
        rows = slice(start, min(start + step, n))
        block = np.hstack([exact[rows] @ exact.T, np.full((rows.stop - start, 1), -np.inf)])
        sims = block[:, padded]
        nearest = (np.argpartition(-sims, k - 1, axis=2)[:, :, :k] if k < longest
                   else np.broadcast_to(np.arange(longest), sims.shape))
        top_cos = np.take_along_axis(sims, nearest, axis=2)
        order = np.argsort(-top_cos, axis=2, kind="stable")
        top = padded[np.arange(len(articles))[None, :, None], np.take_along_axis(nearest, order, axis=2)]
        top_cos = np.take_along_axis(top_cos, order, axis=2)
        near[rows] = np.where(top < n, top, -1)
        near_cos[rows] = np.where(top < n, top_cos, -2.0)
    own = column[:, None, None] == np.arange(len(articles))[None, :, None]
    near[np.broadcast_to(own, near.shape)] = -1
    near_cos[np.broadcast_to(own, near.shape)] = -2.0
    flat_cos = near_cos.reshape(n, -1)
    flat_near = near.reshape(n, -1)
    chosen = _nearest(flat_cos, min(per_passage, flat_cos.shape[1]))
    rows = np.nonzero(chosen)[0]
    partner = flat_near[chosen]
    valid = partner >= 0
    left, right = np.minimum(rows[valid], partner[valid]), np.maximum(rows[valid], partner[valid])
    pairs = np.unique(np.stack([left, right], axis=1), axis=0)
    if not len(pairs):
        return _empty()
    i, j = pairs[:, 0], pairs[:, 1]
    rank_ij = _rank(near[i, column[j]], j, k)
    rank_ji = _rank(near[j, column[i]], i, k)
    return Candidates(
        i, j, _cosines(exact, i, j), rank_ij, rank_ji,
        _cosines(exact, i, near[i, column[j], 0]), _cosines(exact, j, near[j, column[i], 0]),
        _cosines(exact, i, near[i, column[j], 1]) if k > 1 else np.full(len(i), -2.0),
        _cosines(exact, j, near[j, column[i], 1]) if k > 1 else np.full(len(i), -2.0),
    )


def _cosines(exact: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of rows a and b, pair by pair, by elementwise sums (the same bits on any thread count);
    -2.0 where b is -1 (no such neighbour)."""
    partner = np.maximum(b, 0)
    found = np.concatenate([
        np.einsum("ij,ij->i", exact[a[s : s + _PAIR_ROWS]], exact[partner[s : s + _PAIR_ROWS]])
        for s in range(0, len(a), _PAIR_ROWS)
    ]) if len(a) else np.zeros(0)
    return np.where(b >= 0, found, -2.0)


def _nearest(cosines: np.ndarray, keep: int) -> np.ndarray:
    """Per row, a mask of its `keep` largest entries, ties going to the earlier column (as a stable sort's
    first `keep` would), found by selection rather than by sorting every row."""
    if keep >= cosines.shape[1]:
        return np.ones(cosines.shape, dtype=bool)
    cut = -np.partition(-cosines, keep - 1, axis=1)[:, keep - 1 : keep]
    above = cosines > cut
    level = cosines == cut
    room = keep - above.sum(axis=1, keepdims=True)
    return above | (level & (np.cumsum(level, axis=1) <= room))


def _rank(neighbours: np.ndarray, target: np.ndarray, far: int) -> np.ndarray:
    """Where `target` sits among each row's nearest (0 = nearest); `far` when it is not among them."""
    hit = neighbours == target[:, None]
    return np.where(hit.any(axis=1), hit.argmax(axis=1), far).astype(np.int64)


def _empty() -> Candidates:
    none_i, none_f = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return Candidates(none_i, none_i, none_f, none_i, none_i, none_f, none_f, none_f, none_f)
