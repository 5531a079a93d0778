"""Parallax's earlier passage matcher, kept only as a baseline for bench_matching.py.

It was fitted to ECB+'s "same event instance" links, which within one event's coverage is nearly
every sentence; parallax.align.scorer replaced it. Original description follows.

The passage matcher: how likely two passages of different articles report the same thing.

A logistic model over `parallax.features` (cosine, word, name and figure agreement, length),
fitted by bench/train_matcher.py; its few coefficients ship as parallax/matcher_coefficients.json
with their provenance and are applied here with numpy alone. Word and name overlap are weighed by
how rare each term is among the event's passages, so `Matcher.scorer(all_texts)` binds a scorer to
one event; `Matcher.score_matrix` alone counts frequencies over the two articles it is given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import Encoder
from parallax.features import (
    FEATURE_NAMES,
    EventContext,
    PassageSignals,
    event_context,
    feature_matrix,
    passage_signals,
)

__all__ = ["COEFFICIENTS_FILE", "Matcher", "load_matcher", "score_pairs", "match_pairs"]

COEFFICIENTS_FILE = Path(__file__).with_name("legacy_matcher_coefficients.json")


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
