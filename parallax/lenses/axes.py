"""Semantic axes lens: where each passage sits between two framings the user names with a few
phrases each (e.g. "security": crime, gangs, law enforcement against "rights": due process, human
rights, courts).

Each pole is the normalised mean of its phrases' vectors, l and r. A passage's position is

    position = (cos(v, r) - cos(v, l)) / |r - l|  =  cos(v, r - l)

the cosine between the passage and the direction from the left pole to the right one (SemAxis,
An, Kwak & Ahn 2018). It lies in -1..1: negative leans to the left pole, positive to the right,
0 is equally near both. With sentence vectors, real passages mostly fall within about -0.4..0.4,
so compare outlets with each other rather than with the ends of the scale.

An axis travels in a share link or on the command line as a spec string,
`[name=]left label:phrase,phrase|right label:phrase,phrase`, e.g.
"security:crime,gangs,law enforcement|rights:due process,human rights,courts"; the name defaults to
"<left> vs <right>". Labels and phrases cannot hold `:`, `,`, `|` or `=`.

JSON shape (the result dict's ``lenses["axes"]``, one entry per axis)::

    [{"axis": {"name": str, "spec": str,
               "left": {"label": str, "phrases": [str]}, "right": {"label": str, "phrases": [str]}},
      "positions": {passage_id: float},                 # -1..1, rounded to 4 places
      "outlets": {article_id: {"mean": float, "median": float, "n": int}},
      "extremes": {article_id: {"left": [{"passage": passage_id, "position": float}],   # up to 3,
                                "right": [{"passage": passage_id, "position": float}]}}}]  # most extreme first
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean, median
from typing import Any

import numpy as np

from embeddings.base import Encoder
from parallax.model import Passage

__all__ = ["Axis", "PRESET_AXES", "parse_axis", "format_axis", "axis_positions", "axis_summary", "axes_lens"]

_RESERVED = re.compile(r"[:,|=]")


@dataclass(frozen=True)
class Axis:
    """Two framings, each a label with the phrases that define it; positions run left (-) to right (+)."""

    name: str
    left_label: str
    left_phrases: tuple[str, ...]
    right_label: str
    right_phrases: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The axis as plain JSON-ready data, with its spec string."""
        return {
            "name": self.name,
            "spec": format_axis(self),
            "left": {"label": self.left_label, "phrases": list(self.left_phrases)},
            "right": {"label": self.right_label, "phrases": list(self.right_phrases)},
        }


def _axis(left: str, left_phrases: str, right: str, right_phrases: str, name: str = "") -> Axis:
    return Axis(
        name or f"{left} vs {right}", left, tuple(left_phrases.split(",")), right, tuple(right_phrases.split(","))
    )


# Framings news on migration, crime and diplomacy is often read along; checked on the sample event,
# where the rights and legal outlets lean right and the seed and security outlets lean left.
PRESET_AXES: tuple[Axis, ...] = (
    _axis(
        "security",
        "crime,gangs,criminals,law enforcement,public safety,terrorists",
        "rights",
        "due process,human rights,courts,legal rights,fair trial,prison conditions",
    ),
    _axis(
        "cooperation",
        "partnership,cooperation between allies,working together,agreement,friendly relations",
        "pressure",
        "national sovereignty,refusal,defiance,confrontation,political pressure",
    ),
    _axis(
        "success",
        "crime fell,safer streets,restored order,effective crackdown,results",
        "harm",
        "abuses,mistreatment,arbitrary detention,overcrowded prisons,suffering families",
    ),
)


def parse_axis(spec: str) -> Axis:
    """The axis a spec string describes; ValueError says what is wrong with a bad one."""
    name, body = "", spec.strip()
    head, sep, rest = body.partition("=")
    if sep and ":" not in head:
        name, body = head.strip(), rest.strip()
    sides = body.split("|")
    if len(sides) != 2:
        raise ValueError(f"an axis needs two poles separated by '|', got {spec!r}")
    poles = []
    for side in sides:
        label, sep, phrases = side.partition(":")
        found = tuple(p.strip() for p in phrases.split(",") if p.strip())
        if not sep or not label.strip() or not found:
            raise ValueError(f"each pole needs 'label:phrase,phrase', got {side.strip()!r} in {spec!r}")
        poles.append((label.strip(), found))
    (left, left_phrases), (right, right_phrases) = poles
    if set(left_phrases) == set(right_phrases):
        raise ValueError(f"the two poles of {spec!r} have the same phrases")
    return Axis(name or f"{left} vs {right}", left, left_phrases, right, right_phrases)


def format_axis(axis: Axis) -> str:
    """The spec string of an axis, which `parse_axis` reads back to the same axis."""
    parts = [axis.left_label, axis.right_label, *axis.left_phrases, *axis.right_phrases]
    bad = [p for p in parts if _RESERVED.search(p) or not p.strip()]
    if bad or "|" in axis.name or "=" in axis.name or ":" in axis.name:
        raise ValueError(f"axis {axis.name!r} has labels or phrases that are empty or hold ':', ',', '|' or '='")
    body = f"{axis.left_label}:{','.join(axis.left_phrases)}|{axis.right_label}:{','.join(axis.right_phrases)}"
    return body if axis.name == f"{axis.left_label} vs {axis.right_label}" else f"{axis.name}={body}"


def _pole(encoder: Encoder, phrases: Sequence[str]) -> np.ndarray:
    centre = np.asarray(encoder.encode(list(phrases)), dtype=np.float64).mean(axis=0)
    return centre / np.linalg.norm(centre)


def axis_positions(axis: Axis, vectors: Mapping[str, np.ndarray], encoder: Encoder) -> dict[str, float]:
    """Position of every passage on the axis, -1 (left pole) to +1 (right pole); formula above."""
    direction = _pole(encoder, axis.right_phrases) - _pole(encoder, axis.left_phrases)
    size = float(np.linalg.norm(direction))
    if size < 1e-9:
        raise ValueError(f"the two poles of axis {axis.name!r} mean the same thing to the model")
    if not vectors:
        return {}
    ids = list(vectors)
    matrix = np.vstack([np.asarray(vectors[i], dtype=np.float64) for i in ids])
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    scores = np.einsum("ij,j->i", matrix, direction / size)
    return {pid: round(float(s), 4) for pid, s in zip(ids, scores, strict=True)}


def axis_summary(
    positions: Mapping[str, float],
    passage_article: Mapping[str, str],
    extremes: int = 3,
) -> dict[str, Any]:
    """Each article's mean, median and count of positions, and its `extremes` passages at each end."""
    by_article: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for pid, pos in positions.items():
        if pid in passage_article:
            by_article[passage_article[pid]].append((pos, pid))
    outlets, ends = {}, {}
    for article, items in by_article.items():
        values = [p for p, _ in items]
        outlets[article] = {
            "mean": round(fmean(values), 4),
            "median": round(float(median(values)), 4),
            "n": len(values),
        }
        ranked = sorted(items)
        k = min(extremes, len(ranked) // 2) if len(ranked) > 1 else 0
        left = ranked[:k] if k else ranked[:1] if ranked and ranked[0][0] < 0 else []
        right = ranked[::-1][:k] if k else ranked[:1] if ranked and ranked[0][0] > 0 else []
        ends[article] = {
            "left": [{"passage": pid, "position": pos} for pos, pid in left],
            "right": [{"passage": pid, "position": pos} for pos, pid in right],
        }
    return {"outlets": outlets, "extremes": ends}


def axes_lens(
    axes: Iterable[Axis],
    passages: Sequence[Passage],
    vectors: Mapping[str, np.ndarray],
    encoder: Encoder,
    extremes: int = 3,
) -> list[dict[str, Any]]:
    """The whole axes lens as JSON-ready data (shape in the module docstring)."""
    owner = {p.id: p.article_id for p in passages}
    kept = {pid: v for pid, v in vectors.items() if pid in owner}
    out = []
    for axis in axes:
        positions = axis_positions(axis, kept, encoder)
        out.append({"axis": axis.to_dict(), "positions": positions, **axis_summary(positions, owner, extremes)})
    return out
