"""Evidence that two passages report the same thing, beyond their cosine: words, names, figures, length.

Each passage is read once into `PassageSignals`; pair features then come from two signals and a
cosine, for one pair or for every pair of two articles at once. An `EventContext` says how common
each word and name is across all passages of the event: when every passage names the same country
and leader, sharing those names says little, and sharing a rare word or name says a lot.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from parallax.entities import ENGLISH_STOP_WORDS, entity_tokens, extract_entities
from parallax.numbers import KINDS, Quantity, date_parts, extract_quantities, interval, tolerance

__all__ = [
    "FEATURE_NAMES",
    "PassageSignals",
    "EventContext",
    "passage_signals",
    "event_context",
    "idf_weight",
    "content_words",
    "stem",
    "feature_matrix",
    "features_for_pairs",
    "pair_features",
    "figure_agreement",
    "agreement_matrix",
]

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

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*|\d+(?:[.,]\d+)*")
# sklearn's list drops some words that carry news content ("fire", "bill", "system").
_STOP = ENGLISH_STOP_WORDS - {"fire", "bill", "system", "interest", "call", "found", "move", "show", "serious"}
_FIGURE_KINDS = frozenset({"number", "money", "percent"})
_COUNT_CAP = 3.0
# The cosine of two passages of one event taken at random, on the development data (a fallback).
_COSINE_MEAN, _COSINE_STD = 0.23, 0.16


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


def stem(word: str) -> str:
    """A light suffix stripper, enough to meet "deported"/"deports"/"deporting" and "rulings"/"ruling"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lowercased, lightly stemmed words of `text` without stop words (figures kept as written)."""
    found = set()
    for match in _WORD.finditer(text.lower()):
        word = re.sub(r"['’]s$", "", match.group()).replace(",", "")
        if word and word not in _STOP and (len(word) > 1 or word.isdigit()):
            found.add(stem(word) if word[0].isalpha() else word)
    return frozenset(found)


def passage_signals(text: str) -> PassageSignals:
    """Read one passage: its content words, named entities, figures and dates."""
    entities = frozenset(extract_entities(text))
    quantities = extract_quantities(text)
    return PassageSignals(
        text=text,
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
    agree, clash = _agreement_counts([tuple(a)], [tuple(b)])
    return float(agree[0, 0]), float(clash[0, 0])


def _agreement_counts(
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
    fig_agree, fig_clash = _agreement_counts([s.figures for s in signals_a], [s.figures for s in signals_b])
    date_agree, date_clash = _agreement_counts([s.dates for s in signals_a], [s.dates for s in signals_b])
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
