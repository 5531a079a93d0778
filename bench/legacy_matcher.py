"""Parallax's earlier passage matcher, kept only as a baseline for bench_matching.py.

It was fitted to ECB+'s "same event instance" links, which within one event's coverage is nearly
every sentence; parallax.align.scorer replaced it. Original description follows.

The passage matcher: how likely two passages of different articles report the same thing.

A logistic model over the features below (cosine, word, name and figure agreement, length),
fitted by bench/train_matcher.py (before 0.2); its few coefficients are in legacy_matcher_coefficients.json
with their provenance and are applied here with numpy alone. Word and name overlap are weighed by
how rare each term is among the event's passages, so `Matcher.scorer(all_texts)` binds a scorer to
one event; `Matcher.score_matrix` alone counts frequencies over the two articles it is given.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import Encoder
from parallax.align.signals import PassageSignals, agreement_counts
from parallax.align.signals import passage_signals as product_signals
from parallax.text.tokens import content_words
from parallax.text.wordlists import REPORTING_VERBS, STOP_WORDS

__all__ = ["COEFFICIENTS_FILE", "Matcher", "load_matcher", "score_pairs", "match_pairs"]

COEFFICIENTS_FILE = Path(__file__).with_name("legacy_matcher_coefficients.json")
# The stop list this matcher was fitted on: the product's, before it added the reporting verbs.
_STOP = STOP_WORDS - REPORTING_VERBS
_COUNT_CAP = 3.0
_COSINE_MEAN, _COSINE_STD = 0.23, 0.16


def passage_signals(text: str) -> PassageSignals:
    """The product's passage signals with content words read against this matcher's own stop list."""
    return replace(product_signals(text), tokens=content_words(text, stop=_STOP))


FEATURE_NAMES: tuple[str, ...] = (
    "cosine",
    "word_jaccard",
    "word_overlap",
    "entity_overlap",
    "entity_disjoint",
    "entity_missing",
    "figures_agree",
    "figures_clash",
    "dates_agree",
    "dates_clash",
    "length_ratio",
    "word_tfidf",
    "rare_shared_entity",
    "cosine_z",
)
"""What each column of a feature row means, in order; the matcher's coefficients follow it."""

@dataclass(frozen=True)
class EventContext:
    """How many of an event's passages use each content word and entity word, and their usual cosine.

    `cosine_mean`/`cosine_std` describe the cosine of two passages of the event taken at random;
    None when the context was built without vectors.
    """

    passages: int
    word_df: Mapping[str, int] = field(repr=False)
    entity_df: Mapping[str, int] = field(repr=False)
    cosine_mean: float | None = None
    cosine_std: float | None = None


def event_context(signals: Sequence[PassageSignals], vectors: np.ndarray | None = None) -> EventContext:
    """Document frequencies over an event's passages (and, given their unit vectors, the usual cosine)."""
    word_df = Counter(w for s in signals for w in s.tokens)
    entity_df = Counter(w for s in signals for w in s.entity_words)
    mean = std = None
    if vectors is not None and len(vectors) >= 3:
        v = np.asarray(vectors, dtype=np.float64)
        cos = v @ v.T
        upper = cos[np.triu_indices(len(v), k=1)]
        mean, std = float(upper.mean()), float(upper.std())
    return EventContext(len(signals), dict(word_df), dict(entity_df), mean, std)


def idf_weight(df: int, passages: int) -> float:
    """How much sharing a term tells, from its document frequency: 1 + ln((1 + n) / (1 + df)).

    A term in every passage weighs 1, a term in one passage of many weighs several times more; in a
    context of a few passages all terms weigh about the same, as in plain word overlap.
    """
    return 1.0 + math.log((1 + passages) / (1 + max(df, 1)))


def _set_matrices(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[np.ndarray, ...]:
    """Intersection sizes of every pair of sets (a, b), and each set's size, broadcastable."""
    inter = np.array([[len(x & y) for y in sets_b] for x in sets_a], dtype=np.float64).reshape(len(sets_a), len(sets_b))
    size_a = np.array([len(x) for x in sets_a], dtype=np.float64)[:, None]
    size_b = np.array([len(y) for y in sets_b], dtype=np.float64)[None, :]
    return inter, size_a, size_b


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(np.broadcast_shapes(num.shape, den.shape)), where=den > 0)


def _incidence(
    sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]], df: Mapping[str, int], passages: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """0/1 term matrices of a and b over their shared vocabulary, and each term's IDF weight."""
    vocab = sorted(set().union(*sets_a, *sets_b))
    col = {w: i for i, w in enumerate(vocab)}
    weights = np.array([idf_weight(df.get(w, 1), passages) for w in vocab], dtype=np.float64)
    ma, mb = np.zeros((len(sets_a), len(vocab))), np.zeros((len(sets_b), len(vocab)))
    for m, sets in ((ma, sets_a), (mb, sets_b)):
        for i, words in enumerate(sets):
            m[i, [col[w] for w in words]] = 1.0
    return ma, mb, weights


def _idf_cosine(ma: np.ndarray, mb: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Cosine of every pair's tf-idf vectors (a term counts once per passage)."""
    squared = weights**2
    norms = np.sqrt((ma @ squared)[:, None] * (mb @ squared)[None, :])
    return _ratio((ma * squared) @ mb.T, norms)


def _largest_shared(ma: np.ndarray, mb: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The IDF weight of every pair's rarest shared term, 0 when they share none."""
    if not weights.size:
        return np.zeros((len(ma), len(mb)))
    return (ma[:, None, :] * mb[None, :, :] * weights).max(axis=-1)


def _cosine_z(cos: np.ndarray, context: EventContext) -> np.ndarray:
    """The cosine against the event's usual one, in its standard deviations (the pair's own matrix as fallback)."""
    mean, std = context.cosine_mean, context.cosine_std
    if mean is None or std is None:
        mean, std = (float(cos.mean()), float(cos.std())) if cos.size >= 3 else (_COSINE_MEAN, _COSINE_STD)
    return (cos - mean) / max(std, 0.05)


def feature_matrix(
    signals_a: Sequence[PassageSignals],
    signals_b: Sequence[PassageSignals],
    cosines: np.ndarray,
    context: EventContext | None = None,
) -> np.ndarray:
    """Features of every pair (a, b): shape (len(a), len(b), len(FEATURE_NAMES)), columns as named.

    `context` holds the event's document frequencies; without it they are counted over a and b.
    """
    cos = np.asarray(cosines, dtype=np.float64).reshape(len(signals_a), len(signals_b))
    context = context or event_context([*signals_a, *signals_b])
    tokens_a, tokens_b = [s.tokens for s in signals_a], [s.tokens for s in signals_b]
    ents_a, ents_b = [s.entity_words for s in signals_a], [s.entity_words for s in signals_b]
    inter, size_a, size_b = _set_matrices(tokens_a, tokens_b)
    e_inter, e_a, e_b = _set_matrices(ents_a, ents_b)
    words = _incidence(tokens_a, tokens_b, context.word_df, context.passages)
    ents = _incidence(ents_a, ents_b, context.entity_df, context.passages)
    fig_agree, fig_clash = agreement_counts([s.figures for s in signals_a], [s.figures for s in signals_b])
    date_agree, date_clash = agreement_counts([s.dates for s in signals_a], [s.dates for s in signals_b])
    words_a = np.array([max(s.words, 1) for s in signals_a], dtype=np.float64)[:, None]
    words_b = np.array([max(s.words, 1) for s in signals_b], dtype=np.float64)[None, :]
    top = idf_weight(1, context.passages)
    columns = {
        "cosine": cos,
        "word_jaccard": _ratio(inter, size_a + size_b - inter),
        "word_overlap": _ratio(inter, np.minimum(size_a, size_b)),
        "entity_overlap": _ratio(e_inter, np.minimum(e_a, e_b)),
        "entity_disjoint": ((e_a > 0) & (e_b > 0) & (e_inter == 0)).astype(np.float64),
        "entity_missing": ((e_a == 0) | (e_b == 0)).astype(np.float64),
        "figures_agree": np.minimum(fig_agree, _COUNT_CAP),
        "figures_clash": np.minimum(fig_clash, _COUNT_CAP),
        "dates_agree": np.minimum(date_agree, _COUNT_CAP),
        "dates_clash": np.minimum(date_clash, _COUNT_CAP),
        "length_ratio": np.minimum(words_a, words_b) / np.maximum(words_a, words_b),
        "word_tfidf": _idf_cosine(*words),
        "rare_shared_entity": _largest_shared(*ents) / top,
        "cosine_z": _cosine_z(cos, context),
    }
    shape = cos.shape
    return np.stack([np.broadcast_to(columns[name], shape) for name in FEATURE_NAMES], axis=-1)


def features_for_pairs(
    texts_a: Sequence[str], texts_b: Sequence[str], cosines: np.ndarray, context: EventContext | None = None
) -> np.ndarray:
    """Features of every pair of two articles' passages, given their (len(a), len(b)) cosine matrix."""
    signals_a, signals_b = [passage_signals(t) for t in texts_a], [passage_signals(t) for t in texts_b]
    return feature_matrix(signals_a, signals_b, cosines, context)


def pair_features(text_a: str, text_b: str, cosine: float, context: EventContext | None = None) -> np.ndarray:
    """Features of one pair of passages, a vector in FEATURE_NAMES order."""
    return features_for_pairs([text_a], [text_b], np.array([[cosine]]), context)[0, 0]




@dataclass(frozen=True, eq=False)
class Matcher:
    """Standardise features, weigh them, squash to a probability; `threshold` is the fitted cut-off."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coefficients: np.ndarray
    intercept: float
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict, compare=False)

    def score(self, features: np.ndarray) -> np.ndarray:
        """Match probabilities for feature rows (last axis in `feature_names` order)."""
        z = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        logits = (z * self.coefficients).sum(axis=-1) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -40.0, 40.0)))

    def score_pairs(
        self,
        signals_a: Sequence[PassageSignals],
        signals_b: Sequence[PassageSignals],
        cosines: np.ndarray,
        context: EventContext | None = None,
    ) -> np.ndarray:
        """Probabilities for every pair of two articles' passages: shape (len(a), len(b)).

        `context` gives the event's document frequencies; without it they come from a and b alone.
        """
        if not signals_a or not signals_b:
            return np.zeros((len(signals_a), len(signals_b)))
        return self.score(feature_matrix(signals_a, signals_b, cosines, context))

    def score_matrix(self, texts_a: Sequence[str], texts_b: Sequence[str], cosines: np.ndarray) -> np.ndarray:
        """Probabilities for every pair of two articles' passage texts, given their cosine matrix.

        Terms are weighed by how many of these two articles' passages use them; `scorer` weighs
        them over a whole event instead.
        """
        return self.score_pairs([_signals(t) for t in texts_a], [_signals(t) for t in texts_b], cosines)

    def scorer(self, texts: Sequence[str], vectors: np.ndarray | None = None):
        """A `score_matrix` bound to one event: `texts` are all its passages, `vectors` their unit vectors.

        Words and names that most of the event's passages share weigh little; with `vectors` the
        cosine is also read against the event's usual cosine between two passages.
        """
        context = event_context([_signals(t) for t in texts], vectors)

        def score_matrix(texts_a: Sequence[str], texts_b: Sequence[str], cosines: np.ndarray) -> np.ndarray:
            signals_a, signals_b = [_signals(t) for t in texts_a], [_signals(t) for t in texts_b]
            return self.score_pairs(signals_a, signals_b, cosines, context)

        return score_matrix


@lru_cache(maxsize=8192)
def _signals(text: str) -> PassageSignals:
    """Signals of a passage text; an article meets every other article, so each is read once."""
    return passage_signals(text)


def load_matcher(path: Path | str = COEFFICIENTS_FILE) -> Matcher:
    """The matcher from a coefficients file; ValueError naming the file when it does not fit the features."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = tuple(data["feature_names"])
        arrays = [np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "coefficients")]
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a usable matcher coefficients file ({exc})") from exc
    if names != FEATURE_NAMES:
        raise ValueError(f"{path}: fitted on features {list(names)}, but this version computes {list(FEATURE_NAMES)}")
    if any(a.shape != (len(names),) for a in arrays) or np.any(arrays[1] <= 0) or not 0 <= threshold <= 1:
        raise ValueError(f"{path}: coefficient arrays must have one positive-scaled entry per feature")
    return Matcher(names, *arrays, intercept, threshold, dict(data.get("provenance", {})))


def score_pairs(
    signals_a: Sequence[PassageSignals],
    signals_b: Sequence[PassageSignals],
    cos_matrix: np.ndarray,
    matcher: Matcher | None = None,
    context: EventContext | None = None,
) -> np.ndarray:
    """Match probabilities for every pair of two articles' passages, with the shipped matcher by default."""
    return (matcher or load_matcher()).score_pairs(signals_a, signals_b, cos_matrix, context)


def match_pairs(
    pairs: Sequence[tuple[str, str]],
    encoder: Encoder,
    threshold: float | None = None,
    matcher: Matcher | None = None,
) -> list[tuple[float, bool]]:
    """(probability, match) for each given pair of texts: the decision the alignment makes for them.

    The pairs stand for one event: how rare a word or name is, and the usual cosine, are measured
    over every distinct text in `pairs`, so a pair's score depends on the other pairs given with it.
    """
    if not pairs:
        return []
    matcher = matcher or load_matcher()
    cut = matcher.threshold if threshold is None else threshold
    texts = sorted({t for pair in pairs for t in pair})
    row = {t: i for i, t in enumerate(texts)}
    vectors = np.asarray(encoder.encode(texts), dtype=np.float32)
    signals = {t: passage_signals(t) for t in texts}
    context = event_context([signals[t] for t in texts], vectors)
    results = []
    for a, b in pairs:
        cosine = float(vectors[row[a]] @ vectors[row[b]])
        score = float(matcher.score_pairs([signals[a]], [signals[b]], np.array([[cosine]]), context)[0, 0])
        results.append((score, score >= cut))
    return results
