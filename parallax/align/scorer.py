"""The pair scorer: how likely two passages report the same fact, and the grade a reader understands.

Three logistic models over `pair_features.FEATURES`, fitted by bench/train_scorer.py on densely
labelled events and shipped as plain numbers in `scorer.json` with their provenance:

- `match`: the probability that the pair reports a shared fact (grade same or overlap): the score;
- `same`: the probability that both report exactly the same facts;
- `related`: the probability that they are at least on the same subject.

An optional fourth, `collective`, is a second stage for pairs within an event: it weighs the
features again with `collective.COLLECTIVE_FEATURES`, read from every candidate pair's `match`
probability (two passages that both match one passage of a third article, or whose neighbours
match, likely share a fact). With it, `match` is the first stage as fitted and the second stage's
probability is the score; a file without it scores by `match` alone, as before. The second stage
needs a third article to read: an event of two articles is scored by `match` alone, moved so that
`first_stage_cut` falls at the default strictness (fitted on four-article events, the second stage
reads the missing support as evidence against and would match less).

A pair is a match when its score reaches the strictness threshold; a match is `same` when `same` is
at least one half, else `overlap`; a non-match is `related` or `unrelated` by the `related` model.
`pair_only` variants leave out the features that need the rest of the articles (where a pair
ranks among its neighbours), for pairs given on their own (`parallax match`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.align.collective import COLLECTIVE_FEATURES, EventPairs, collective_columns, logit, squash
from parallax.align.pair_features import CONTEXT_FEATURES, FEATURES

__all__ = [
    "MIN_ARTICLES_COLLECTIVE",
    "SCORER_FILE",
    "STAGE_TWO_FEATURES",
    "GradeModel",
    "Scorer",
    "ScoredPairs",
    "load_scorer",
]

SCORER_FILE = Path(__file__).with_name("scorer.json")
_MODELS = ("match", "same", "related")
MIN_ARTICLES_COLLECTIVE = 3
"""Fewest articles in an event for the second stage to score it: with two there is no third to read."""
STAGE_TWO_FEATURES: tuple[str, ...] = FEATURES + COLLECTIVE_FEATURES
"""Columns the `collective` model can name: a feature row with the collective columns after it."""


@dataclass(frozen=True, eq=False)
class GradeModel:
    """One logistic model: standardise the named features, weigh them, squash to a probability."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coefficients: np.ndarray
    intercept: float

    def probability(self, rows: np.ndarray, names: tuple[str, ...] = FEATURES) -> np.ndarray:
        """Probabilities for feature rows whose columns are `names`."""
        columns = [names.index(f) for f in self.features]
        z = (np.asarray(rows, dtype=np.float64)[:, columns] - self.mean) / self.scale
        # A plain sum, not a BLAS product, whose rounding would follow the machine's thread count.
        z = (z * self.coefficients).sum(axis=1)
        return squash(z + self.intercept)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready numbers."""
        return {
            "features": list(self.features),
            "mean": self.mean.round(8).tolist(),
            "scale": self.scale.round(8).tolist(),
            "coefficients": self.coefficients.round(8).tolist(),
            "intercept": round(float(self.intercept), 8),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], known: tuple[str, ...] = FEATURES) -> GradeModel:
        """A model from `to_dict` output; ValueError when it names features not `known` or has wrong shapes."""
        names = tuple(data["features"])
        unknown = set(names) - set(known)
        if unknown:
            raise ValueError(f"fitted on features this version does not compute: {sorted(unknown)}")
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coefficients")]
        if any(a.shape != (len(names),) for a in arrays) or np.any(arrays[1] <= 0):
            raise ValueError("coefficient arrays must have one positive-scaled entry per feature")
        return cls(names, *arrays, float(data["intercept"]))


@dataclass(frozen=True)
class ScoredPairs:
    """Per pair: the match probability (the score), whether it matches, its grade, and how likely the
    two report exactly the same facts (match probability times `same` given a match)."""

    score: np.ndarray
    match: np.ndarray
    grade: tuple[str, ...]
    same_probability: np.ndarray


@dataclass(frozen=True, eq=False)
class Scorer:
    """The shipped models, the default strictness they were calibrated for, and where they came from.

    `collective`, when there is one, is the second stage of `match` within an event (see the module's doc).
    """

    models: dict[str, GradeModel]
    pair_only: dict[str, GradeModel]
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)
    collective: GradeModel | None = None
    first_stage_cut: float = 0.5
    """The first stage's probability that the default strictness stands for when it scores alone."""

    def score(
        self,
        rows: np.ndarray,
        threshold: float | None = None,
        *,
        in_event: bool = True,
        pairs: EventPairs | None = None,
    ) -> ScoredPairs:
        """Score and grade feature rows (columns in FEATURES order).

        `in_event` False uses the pair-only models, for pairs given without their articles. Within an
        event, `pairs` says where the rows' pairs sit (all of the event's candidate pairs, in the rows'
        order); a scorer with a `collective` stage needs it.
        """
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
        models = self.models if in_event else self.pair_only
        cut = self.threshold if threshold is None else float(threshold)
        match_p = models["match"].probability(rows)
        if in_event and self.collective is not None:
            if pairs is None or len(pairs.i) != len(rows):
                raise ValueError("this scorer's second stage reads the other pairs: pass all of them as `pairs`")
            if len(np.unique(pairs.article_of)) >= MIN_ARTICLES_COLLECTIVE:
                extra = collective_columns(pairs, match_p)
                match_p = self.collective.probability(np.hstack([rows, extra]), STAGE_TWO_FEATURES)
            else:
                match_p = _moved(match_p, self.first_stage_cut, self.threshold)
        same_p = models["same"].probability(rows)
        related_p = models["related"].probability(rows)
        match = match_p >= cut
        grades = np.where(match, np.where(same_p >= 0.5, "same", "overlap"),
                          np.where(related_p >= 0.5, "related", "unrelated"))
        return ScoredPairs(match_p, match, tuple(str(g) for g in grades), match_p * same_p)

    def to_dict(self) -> dict[str, Any]:
        """The scorer as the JSON file bench/train_scorer.py writes."""
        data: dict[str, Any] = {
            "threshold": self.threshold,
            "models": {k: m.to_dict() for k, m in self.models.items()},
            "pair_only": {k: m.to_dict() for k, m in self.pair_only.items()},
        }
        if self.collective is not None:
            data["collective"] = self.collective.to_dict()
            data["first_stage_cut"] = self.first_stage_cut
        return {**data, "provenance": self.provenance}


@lru_cache(maxsize=4)
def load_scorer(path: Path | str = SCORER_FILE) -> Scorer:
    """The scorer from its JSON file; ValueError naming the file when it does not fit this version."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {k: GradeModel.from_dict(data["models"][k]) for k in _MODELS}
        pair_only = {k: GradeModel.from_dict(data["pair_only"][k]) for k in _MODELS}
        collective = GradeModel.from_dict(data["collective"], STAGE_TWO_FEATURES) if "collective" in data else None
        threshold = float(data["threshold"])
        first_stage_cut = float(data.get("first_stage_cut", threshold))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a usable scorer file ({exc})") from exc
    if any(set(m.features) & set(CONTEXT_FEATURES) for m in pair_only.values()):
        raise ValueError(f"{path}: a pair-only model uses features that need the articles")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"{path}: threshold must be between 0 and 1")
    if not 0.0 < first_stage_cut < 1.0:
        raise ValueError(f"{path}: first_stage_cut must be between 0 and 1")
    return Scorer(models, pair_only, threshold, dict(data.get("provenance", {})), collective, first_stage_cut)


def _moved(probability: np.ndarray, cut: float, to: float) -> np.ndarray:
    """Probabilities with their log-odds moved so that `cut` becomes `to` (elementwise: no BLAS, no threads)."""
    return squash(logit(probability, 1e-12) - logit(cut) + logit(to))
