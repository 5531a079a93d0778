"""Features of candidate pairs: cosine and where it ranks, shared words, names and figures, lengths.

Computed for the candidate pairs only (parallel arrays), so the cost follows the number of
candidates, not the square of the passages. How rare a word or name is, and the usual cosine, come
from the whole event: sharing a name every passage carries tells little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from parallax.align.candidates import Candidates
from parallax.align.signals import PassageSignals, agreement_counts, passage_signals
from parallax.text.numbers import Quantity

__all__ = ["CONTEXT_FEATURES", "FEATURES", "EventStats", "event_stats", "pair_features", "signals_of"]

FEATURES: tuple[str, ...] = (
    "cosine",
    "margin",
    "word_cover_min",
    "word_cover_max",
    "word_jaccard",
    "word_shared",
    "entity_disjoint",
    "entity_rare_shared",
    "figures_agree",
    "figures_clash",
    "dates_agree",
    "length_min",
    "context_cosine",
    "cross_neighbour",
)
"""Columns of a feature row, in order; the scorer's models name the ones they weigh."""

CONTEXT_FEATURES: tuple[str, ...] = ("margin", "context_cosine", "cross_neighbour")
"""Features that read a pair against the rest of its articles; a pair given on its own has none of them."""

_COUNT_CAP = 3.0


@dataclass(frozen=True)
class EventStats:
    """How many of the event's passages use each content word and each name word."""

    passages: int
    word_df: dict[str, int] = field(repr=False)
    entity_df: dict[str, int] = field(repr=False)

    def idf(self, term: str, entity: bool = False) -> float:
        """ln((1 + n) / (1 + df)): a term in every passage weighs nothing, a rare one most.

        Sharing a name that every passage of the event carries says nothing about sharing a fact.
        """
        df = (self.entity_df if entity else self.word_df).get(term, 1)
        return math.log((1 + self.passages) / (1 + max(df, 1)))


def signals_of(texts: Sequence[str]) -> list[PassageSignals]:
    """Each passage read once: content words, names, figures, dates."""
    return [passage_signals(t) for t in texts]


def event_stats(signals: Sequence[PassageSignals]) -> EventStats:
    """Document frequencies of content words and name words over all the event's passages."""
    word_df = Counter(w for s in signals for w in s.tokens)
    entity_df = Counter(w for s in signals for w in s.entity_words)
    return EventStats(len(signals), dict(word_df), dict(entity_df))


def _neighbours(article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's previous and next row in the same article, or the row itself at an article's edge."""
    n = len(article_of)
    rows = np.arange(n)
    prev = np.where((rows > 0) & (np.roll(article_of, 1) == article_of), rows - 1, rows)
    nxt = np.where((rows < n - 1) & (np.roll(article_of, -1) == article_of), rows + 1, rows)
    return prev, nxt


def _context_features(c: Candidates, vectors: np.ndarray, article_of: np.ndarray) -> dict[str, np.ndarray]:
    """Cosines that read a passage with its neighbours: a quote's speaker is often in the sentence before.

    `context_cosine` compares each passage blended with half of the one before it; `cross_neighbour`
    is how much better one passage matches the other's neighbour than the other itself.
    """
    prev, nxt = _neighbours(np.asarray(article_of))
    blended = vectors + 0.5 * vectors[prev]
    blended /= np.linalg.norm(blended, axis=1, keepdims=True)
    i, j = c.i, c.j
    nearby = np.maximum.reduce([
        _dot(vectors[i], vectors[prev[j]]), _dot(vectors[i], vectors[nxt[j]]),
        _dot(vectors[prev[i]], vectors[j]), _dot(vectors[nxt[i]], vectors[j]),
    ])
    return {"context_cosine": _dot(blended[i], blended[j]), "cross_neighbour": nearby - c.cosine}


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b).astype(np.float64)


def pair_features(
    candidates: Candidates,
    signals: Sequence[PassageSignals],
    stats: EventStats,
    vectors: np.ndarray,
    article_of: np.ndarray,
) -> np.ndarray:
    """One row of FEATURES per candidate pair; `vectors` and `article_of` are all passages' rows, in order."""
    c = candidates
    m = len(c)
    # How far the pair's cosine stands above the next-best alternative on each side (negative: not the best).
    other_ij = np.where(c.rank_ij == 0, c.second_i_in_j, c.best_i_in_j)
    other_ji = np.where(c.rank_ji == 0, c.second_j_in_i, c.best_j_in_i)
    margin = c.cosine - (np.maximum(other_ij, -1.0) + np.maximum(other_ji, -1.0)) / 2
    columns: dict[str, np.ndarray] = {"cosine": c.cosine, "margin": margin}
    text = np.zeros((m, 9))
    idf = _IdfTable(stats)
    totals = [idf.total(s.tokens) for s in signals]
    for k, (i, j) in enumerate(zip(c.i.tolist(), c.j.tolist(), strict=True)):
        a, b = signals[i], signals[j]
        text[k, 0:4] = _word_features(a.tokens, b.tokens, (totals[i], totals[j]), idf)
        text[k, 4:6] = _name_features(a.entity_words, b.entity_words, stats)
    text[:, 6:8] = np.minimum(_agreement(c, [s.figures for s in signals]), _COUNT_CAP)
    text[:, 8] = np.minimum(_agreement(c, [s.dates for s in signals])[:, 0], _COUNT_CAP)
    names = ("word_cover_min", "word_cover_max", "word_jaccard", "word_shared", "entity_disjoint", "entity_rare_shared",
             "figures_agree", "figures_clash", "dates_agree")
    columns.update(zip(names, text.T, strict=True))
    columns["length_min"] = np.array(
        [math.log(max(min(signals[i].words, signals[j].words), 1)) for i, j in zip(c.i.tolist(), c.j.tolist(),
                                                                                  strict=True)]
    )
    columns.update(_context_features(c, np.asarray(vectors, dtype=np.float32), article_of))
    rows = np.stack([np.asarray(columns[name], dtype=np.float64) for name in FEATURES], axis=1)
    return rows.reshape(m, len(FEATURES))


class _IdfTable:
    """`EventStats.idf` of content words, worked out once each: a comparison asks for the same words again and again."""

    def __init__(self, stats: EventStats) -> None:
        self._stats = stats
        self._idf: dict[str, float] = {}

    def __getitem__(self, word: str) -> float:
        found = self._idf.get(word)
        if found is None:
            found = self._idf[word] = self._stats.idf(word)
        return found

    def total(self, words: frozenset[str]) -> float:
        """The summed weight of a passage's content words, in the set's own order."""
        return sum(self[w] for w in words)


def _word_features(
    a: frozenset[str], b: frozenset[str], weights: tuple[float, float], idf: _IdfTable
) -> tuple[float, float, float, float]:
    """IDF-weighted share of each side's content words that the other shares (smaller, larger), Jaccard, and
    how much the shared words weigh in all (log 1 + their IDF sum).

    `weights` are each side's `idf.total`, worked out once per passage. The shares alone call a short
    passage whose only words are the event's commonest ("That's up to El Salvador," she said) fully
    covered; the weight in all says how little that is.
    """
    if not a or not b:
        return 0.0, 0.0, 0.0, 0.0
    shared = a & b
    weight_shared = sum(idf[w] for w in shared)
    weight_a, weight_b = weights
    cover_a = weight_shared / weight_a if weight_a > 0 else 0.0
    cover_b = weight_shared / weight_b if weight_b > 0 else 0.0
    return min(cover_a, cover_b), max(cover_a, cover_b), len(shared) / len(a | b), math.log1p(weight_shared)


def _agreement(c: Candidates, groups: Sequence[tuple[Quantity, ...]]) -> np.ndarray:
    """(agreeing, clashing) figures of every candidate pair, as `figure_agreement` gives them (0 where a side has none).

    Compared one passage against all its partners at a time: one comparison per pair costs more
    in setting up than in comparing.
    """
    found = np.zeros((len(c), 2))
    with_figures = np.array([bool(g) for g in groups], dtype=bool)
    rows = np.nonzero(with_figures[c.i] & with_figures[c.j])[0]
    if not len(rows):
        return found
    left = c.i[rows]
    order = np.argsort(left, kind="stable")
    rows, left = rows[order], left[order]
    starts = np.r_[0, np.nonzero(np.diff(left))[0] + 1, len(rows)]
    for start, end in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True):
        chosen = rows[start:end]
        agree, clash = agreement_counts([groups[int(left[start])]], [groups[j] for j in c.j[chosen].tolist()])
        found[chosen, 0], found[chosen, 1] = agree[0], clash[0]
    return found


def _name_features(a: frozenset[str], b: frozenset[str], stats: EventStats) -> tuple[float, float]:
    """Whether both name someone but no one in common, and how rare the rarest shared name is (0-1)."""
    if not a or not b:
        return 0.0, 0.0
    shared = a & b
    if not shared:
        return 1.0, 0.0
    return 0.0, max(stats.idf(w, entity=True) for w in shared) / math.log(1 + stats.passages)
