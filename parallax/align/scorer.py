"""The pair scorer: how likely two passages report the same fact, and the grade a reader understands.

Three logistic models over `pair_features.FEATURES`, fitted by bench/train_scorer.py on densely
labelled events and shipped as plain numbers in `scorer.json` with their provenance:

- `match`: the probability that the pair reports a shared fact (grade same or overlap): the score;
- `same`: the probability that both report exactly the same facts;
- `related`: the probability that they are at least on the same subject.

A pair is a match when `match` reaches the strictness threshold; a match is `same` when `same` is
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

from parallax.align.pair_features import CONTEXT_FEATURES, FEATURES

__all__ = ["SCORER_FILE", "GradeModel", "Scorer", "ScoredPairs", "load_scorer"]

SCORER_FILE = Path(__file__).with_name("scorer.json")
_MODELS = ("match", "same", "related")


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
        return 1.0 / (1.0 + np.exp(-np.clip(z + self.intercept, -40.0, 40.0)))

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
    def from_dict(cls, data: dict[str, Any]) -> GradeModel:
        """A model from `to_dict` output; ValueError when it names unknown features or has wrong shapes."""
        names = tuple(data["features"])
        unknown = set(names) - set(FEATURES)
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
    """The shipped models, the default strictness they were calibrated for, and where they came from."""

    models: dict[str, GradeModel]
    pair_only: dict[str, GradeModel]
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def score(self, rows: np.ndarray, threshold: float | None = None, *, in_event: bool = True) -> ScoredPairs:
        """Score and grade feature rows (columns in FEATURES order).

        `in_event` False uses the pair-only models, for pairs given without their articles.
        """
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
        models = self.models if in_event else self.pair_only
        cut = self.threshold if threshold is None else float(threshold)
        match_p = models["match"].probability(rows)
        same_p = models["same"].probability(rows)
        related_p = models["related"].probability(rows)
        match = match_p >= cut
        grades = np.where(match, np.where(same_p >= 0.5, "same", "overlap"),
                          np.where(related_p >= 0.5, "related", "unrelated"))
        return ScoredPairs(match_p, match, tuple(str(g) for g in grades), match_p * same_p)

    def to_dict(self) -> dict[str, Any]:
        """The scorer as the JSON file bench/train_scorer.py writes."""
        return {
            "threshold": self.threshold,
            "models": {k: m.to_dict() for k, m in self.models.items()},
            "pair_only": {k: m.to_dict() for k, m in self.pair_only.items()},
            "provenance": self.provenance,
        }


@lru_cache(maxsize=4)
def load_scorer(path: Path | str = SCORER_FILE) -> Scorer:
    """The scorer from its JSON file; ValueError naming the file when it does not fit this version."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {k: GradeModel.from_dict(data["models"][k]) for k in _MODELS}
        pair_only = {k: GradeModel.from_dict(data["pair_only"][k]) for k in _MODELS}
        threshold = float(data["threshold"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a usable scorer file ({exc})") from exc
    if any(set(m.features) & set(CONTEXT_FEATURES) for m in pair_only.values()):
        raise ValueError(f"{path}: a pair-only model uses features that need the articles")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"{path}: threshold must be between 0 and 1")
    return Scorer(models, pair_only, threshold, dict(data.get("provenance", {})))
