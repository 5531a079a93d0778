"""What pair features need from one passage, read once: content words, names, figures and dates.

Also whether two passages' figures agree or clash ("238 people" against "more than 250 people"),
compared all at once per pair of passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from parallax.text.names import entity_tokens, extract_entities
from parallax.text.numbers import KINDS, Quantity, date_parts, extract_quantities, interval, tolerance
from parallax.text.tokens import content_words

__all__ = [
    "PassageSignals",
    "agreement_counts",
    "agreement_matrix",
    "figure_agreement",
    "passage_signals",
]

_FIGURE_KINDS = frozenset({"number", "money", "percent"})


@dataclass(frozen=True)
class PassageSignals:
    """What pair features need from one passage, computed once per passage."""

    text: str
    words: int
    tokens: frozenset[str]
    entities: frozenset[str]
    entity_words: frozenset[str]
    figures: tuple[Quantity, ...]
    dates: tuple[Quantity, ...]


def passage_signals(text: str) -> PassageSignals:
    """Read one passage: its content words, named entities, figures and dates."""
    entities = frozenset(extract_entities(text))
    quantities = extract_quantities(text)
    return PassageSignals(
        text=text,
        # The scorer's length feature was fitted on white-space tokens, not `word_count`: keep until a refit.
        words=len(text.split()),
        tokens=content_words(text),
        entities=entities,
        entity_words=entity_tokens(entities),
        figures=tuple(q for q in quantities if q.kind in _FIGURE_KINDS),
        dates=tuple(q for q in quantities if q.kind not in _FIGURE_KINDS),
    )


def figure_agreement(a: Sequence[Quantity], b: Sequence[Quantity]) -> tuple[float, float]:
    """(agreeing, clashing) figures between two passages, each side's count averaged.

    A figure agrees when the other side states a figure it agrees with, whatever each counts
    ("10 people" and "killed 10"); it clashes when the other side has figures of the same thing
    but none agrees ("238 people" against "more than 250 people").
    """
    agree, clash = agreement_counts([tuple(a)], [tuple(b)])
    return float(agree[0, 0]), float(clash[0, 0])


def agreement_counts(
    groups_a: Sequence[tuple[Quantity, ...]], groups_b: Sequence[tuple[Quantity, ...]]
) -> tuple[np.ndarray, np.ndarray]:
    """`figure_agreement` for every pair of passages, from one comparison of all their figures."""
    agree, clash = np.zeros((len(groups_a), len(groups_b))), np.zeros((len(groups_a), len(groups_b)))
    flat_a = [(i, q) for i, group in enumerate(groups_a) for q in group]
    flat_b = [(j, q) for j, group in enumerate(groups_b) for q in group]
    if not flat_a or not flat_b:
        return agree, clash
    verdicts = agreement_matrix([q for _, q in flat_a], [q for _, q in flat_b], units=False)
    units_a = np.array([q.unit or "" for _, q in flat_a])[:, None]
    units_b = np.array([q.unit or "" for _, q in flat_b])[None, :]
    agrees = verdicts == 1
    same_thing = (verdicts >= 0) & ((units_a == units_b) | (units_a == "") | (units_b == ""))
    rows, starts_a = np.unique([i for i, _ in flat_a], return_index=True)
    cols, starts_b = np.unique([j for j, _ in flat_b], return_index=True)
    # Per figure of a, whether some figure of each passage of b agrees (or compares); then per passage.
    a_agrees = np.logical_or.reduceat(agrees, starts_b, axis=1)
    a_clashes = np.logical_or.reduceat(same_thing, starts_b, axis=1) & ~a_agrees
    b_agrees = np.logical_or.reduceat(agrees, starts_a, axis=0)
    b_clashes = np.logical_or.reduceat(same_thing, starts_a, axis=0) & ~b_agrees
    grid = np.ix_(rows, cols)
    agree[grid] = np.add.reduceat(a_agrees, starts_a, axis=0) + np.add.reduceat(b_agrees, starts_b, axis=1)
    clash[grid] = np.add.reduceat(a_clashes, starts_a, axis=0) + np.add.reduceat(b_clashes, starts_b, axis=1)
    return agree / 2, clash / 2


_COLUMNS = ("kind", "unit", "value", "qualified", "tolerance", "lo", "lo_in", "hi", "hi_in")


def _table(qs: Sequence[Quantity], units: dict[str, int]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per figure, the columns comparisons need, and its date parts (one row of four per figure)."""
    rows, parts = [], []
    for q in qs:
        span = interval(q) if q.kind in _FIGURE_KINDS else (0.0, False, 0.0, False)
        unit = units.setdefault(q.unit, len(units)) if q.unit else -1
        rows.append((KINDS.index(q.kind), unit, q.value, q.qualifier is not None, tolerance(q), *span))
        parts.append(date_parts(q) if q.kind == "date" else (-1, -1, -1, -1))
    table = np.array(rows, dtype=np.float64).reshape(len(qs), len(_COLUMNS))
    return {name: table[:, i] for i, name in enumerate(_COLUMNS)}, np.array(parts, dtype=np.int64).reshape(-1, 4)


def _inside(
    x: np.ndarray, lo: np.ndarray, lo_in: np.ndarray, hi: np.ndarray, hi_in: np.ndarray, eps: np.ndarray
) -> np.ndarray:
    above = (x > lo + eps) | ((lo_in > 0) & (x >= lo - eps))
    below = (x < hi - eps) | ((hi_in > 0) & (x <= hi + eps))
    return above & below


def agreement_matrix(a: Sequence[Quantity], b: Sequence[Quantity], units: bool = True) -> np.ndarray:
    """`quantities_agree` for every pair (a[i], b[j]) at once: 1 agree, 0 clash, -1 not comparable."""
    ids: dict[str, int] = {}
    (ta, pa), (tb, pb) = _table(a, ids), _table(b, ids)
    ca = {k: v[:, None] for k, v in ta.items()}
    cb = {k: v[None, :] for k, v in tb.items()}
    va, vb = ca["value"], cb["value"]
    eps = 1e-9 * np.maximum(np.maximum(np.abs(va), np.abs(vb)), 1.0)
    span_a = [ca[k] for k in ("lo", "lo_in", "hi", "hi_in")]
    span_b = [cb[k] for k in ("lo", "lo_in", "hi", "hi_in")]
    lo, hi = np.maximum(span_a[0], span_b[0]), np.minimum(span_a[2], span_b[2])
    lo_in = np.where(
        span_a[0] > span_b[0], span_a[1], np.where(span_b[0] > span_a[0], span_b[1], span_a[1] * span_b[1])
    )
    hi_in = np.where(
        span_a[2] < span_b[2], span_a[3], np.where(span_b[2] < span_a[2], span_b[3], span_a[3] * span_b[3])
    )
    overlap = (lo < hi) | ((lo == hi) & (lo_in > 0) & (hi_in > 0))
    exact_a, exact_b = ca["qualified"] == 0, cb["qualified"] == 0
    figures = np.where(
        exact_a & exact_b,
        np.abs(va - vb) <= np.maximum(ca["tolerance"], cb["tolerance"]) + eps,
        np.where(exact_a, _inside(va, *span_b, eps), np.where(exact_b, _inside(vb, *span_a, eps), overlap)),
    )
    shared = (pa[:, None, :] >= 0) & (pb[None, :, :] >= 0)
    dates = ((pa[:, None, :] == pb[None, :, :]) | ~shared).all(axis=-1)
    kind = ca["kind"]
    date, year = KINDS.index("date"), KINDS.index("year")
    agree = np.where(kind == date, dates, np.where(kind == year, va == vb, figures))
    comparable = (ca["kind"] == cb["kind"]) & ((kind != date) | shared.any(axis=-1))
    if units:
        comparable &= (ca["unit"] < 0) | (cb["unit"] < 0) | (ca["unit"] == cb["unit"])
    return np.where(comparable, agree.astype(np.int8), np.int8(-1)).astype(np.int8)


