"""Collective columns of candidate pairs: each pair read against the match probabilities of the others.

Two passages that both match the same passage of a third article likely report the same fact
(transitive support), and so do two passages whose neighbours match each other (diagonal support:
articles often tell a story in the same order). The scorer's second stage weighs these columns with
the first stage's own log-odds. Pure numpy without matrix products, so the columns do not depend on
the machine's thread count; the work grows with the candidate pairs, not with the passages' square.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["COLLECTIVE_FEATURES", "COPY_COSINE", "SUPPORT_FLOOR", "EventPairs", "collective_columns", "logit", "squash"]

COLLECTIVE_FEATURES: tuple[str, ...] = ("match_logit", "support_max", "diag_support")
"""Columns the second stage adds to a feature row, in order:

- `match_logit`: the log-odds of the first stage's match probability;
- `support_max`: the best, over passages k of a third article, of min(p(i, k), p(j, k));
- `diag_support`: the larger of p(i-1, j-1) and p(i+1, j+1), the neighbours in the same two articles.
"""

SUPPORT_FLOOR = 0.02
"""Only partners matched at least this likely are followed to a third article: a weaker one could add
less than this to `support_max`, and following every candidate would cost more for nothing."""

COPY_COSINE = 0.95
"""Two passages this alike are one passage printed twice (a wire quote two outlets both carry): a match to one
is a match to the other, so a copy lends a pair no support of its own."""

_CHUNK_PAIRS = 4096
"""Pairs whose partners are followed at once: the rows that takes stay a few megabytes, whatever the event."""


@dataclass(frozen=True)
class EventPairs:
    """Where an event's candidate pairs sit: each pair's two passage rows, and each passage row's article."""

    i: np.ndarray
    j: np.ndarray
    article_of: np.ndarray
    cosine: np.ndarray | None = None
    """Each pair's cosine, to tell copies (see COPY_COSINE); without it no pair counts as a copy."""


def collective_columns(pairs: EventPairs, match_p: np.ndarray, floor: float = SUPPORT_FLOOR) -> np.ndarray:
    """One row of COLLECTIVE_FEATURES per candidate pair, from every pair's first-stage match probability.

    A pair absent from the candidates counts as probability 0, and support never comes through a copy.
    The result does not depend on the order of the pairs, nor on which passage of a pair comes first.
    """
    i, j = np.asarray(pairs.i, dtype=np.int64), np.asarray(pairs.j, dtype=np.int64)
    owner = np.asarray(pairs.article_of, dtype=np.int64)
    p = np.asarray(match_p, dtype=np.float64)
    edges = _Edges(i, j, p, len(owner))
    copies = np.zeros(len(p), dtype=bool) if pairs.cosine is None else np.asarray(pairs.cosine) >= COPY_COSINE
    lending = _Edges(i, j, np.where(copies, 0.0, p), len(owner)) if copies.any() else edges
    columns = (logit(p), _support_max(i, j, owner, lending, floor), _diag_support(i, j, owner, edges))
    return np.stack(columns, axis=1).reshape(len(p), len(COLLECTIVE_FEATURES))


def logit(p: np.ndarray | float, floor: float = 1e-6) -> np.ndarray:
    """Log-odds of probabilities, kept `floor` from 0 and 1 so that certainty stays finite."""
    q = np.clip(np.asarray(p, dtype=np.float64), floor, 1.0 - floor)
    return np.log(q / (1.0 - q))


def squash(z: np.ndarray) -> np.ndarray:
    """Probabilities from log-odds (the logistic function), elementwise, overflow kept out."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))


class _Edges:
    """Every candidate pair in both directions, sorted by (from, to): looked up by binary search."""

    def __init__(self, i: np.ndarray, j: np.ndarray, p: np.ndarray, passages: int) -> None:
        self.passages = passages
        key = np.r_[i, j] * passages + np.r_[j, i]
        order = np.argsort(key, kind="stable")
        self.keys, self.p = key[order], np.r_[p, p][order]

    def lookup(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """p(a, b) for each (a, b), 0 where the two are not a candidate pair."""
        if not len(self.keys):
            return np.zeros(len(a))
        query = a * self.passages + b
        at = np.minimum(np.searchsorted(self.keys, query), len(self.keys) - 1)
        return np.where(self.keys[at] == query, self.p[at], 0.0)

    def partners(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, partner, p): passage x's partners with p >= floor are partner[start[x]:start[x + 1]]."""
        strong = self.p >= floor
        keys = self.keys[strong]
        source = keys // self.passages
        return np.searchsorted(source, np.arange(self.passages + 1)), keys % self.passages, self.p[strong]


def _support_max(i: np.ndarray, j: np.ndarray, owner: np.ndarray, edges: _Edges, floor: float) -> np.ndarray:
    """Per pair, the best min(p(i, k), p(j, k)) over passages k of a third article.

    Each side's strong partners are followed in turn: a k missed from both sides has both
    probabilities under `floor`, so its support is under `floor` too.
    """
    best = np.zeros(len(i))
    start, partner, strength = edges.partners(floor)
    for first in range(0, len(i), _CHUNK_PAIRS):
        chunk = np.arange(first, min(first + _CHUNK_PAIRS, len(i)))
        for x, y in ((i, j), (j, i)):
            count = start[x[chunk] + 1] - start[x[chunk]]
            pair = np.repeat(chunk, count)
            at = np.repeat(start[x[chunk]] - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            k, p_xk = partner[at], strength[at]
            third = (owner[k] != owner[i[pair]]) & (owner[k] != owner[j[pair]])
            pair, k, p_xk = pair[third], k[third], p_xk[third]
            np.maximum.at(best, pair, np.minimum(p_xk, edges.lookup(y[pair], k)))
    return best


def _diag_support(i: np.ndarray, j: np.ndarray, owner: np.ndarray, edges: _Edges) -> np.ndarray:
    """Per pair, the larger of p(i-1, j-1) and p(i+1, j+1) where both neighbours are in the same articles."""
    has_prev = np.r_[False, owner[1:] == owner[:-1]]
    has_next = np.r_[owner[:-1] == owner[1:], False]
    best = np.zeros(len(i))
    for has, step in ((has_prev, -1), (has_next, 1)):
        both = has[i] & has[j]
        found = edges.lookup(np.where(both, i + step, 0), np.where(both, j + step, 0))
        best = np.maximum(best, np.where(both, found, 0.0))
    return best
