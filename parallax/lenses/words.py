"""Words lens: the terms and two-word phrases each article uses more than all the others, by the
weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", eq. 16-22).

For article i against the pooled other articles j, with term counts y, totals n, and a prior
alpha_w = prior_scale * (corpus count of w) (so the prior's total alpha_0 is prior_scale times the
corpus size):

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior shrinks rare terms toward zero, so a word used once does not outrank one an outlet
keeps repeating. Unigrams and bigrams are scored separately (each against its own totals) and
ranked together by z. Words are `parallax.text.tokens.word_runs`: lowercased runs of letters (inner
hyphens and apostrophes kept, a possessive 's dropped). Only content words count: unigrams drop
English stop words (scikit-learn's list, less content words such as "due" and "fire"), one-letter
words, reporting verbs and honorifics ("said", "told", "mr"), which only echo who is quoted, words
too general to carry a framing ("far", "little", "make"), months, weekdays, numbers spelled out, and
the words of the outlets' own names (a dateline's "(Crossline)"). Bigrams never cross punctuation and
drop any pair holding such a word, except a leading negation ("not return", "no evidence"). A
unigram that only ever occurs inside one of the article's distinctive bigrams is left out in favour
of the bigram. Terms with z below `min_z` are left out; the default, `CLEAR_Z` = 2, is the
two-sided 5% level (|z| > 1.96): with so few articles, smaller differences are noise.

JSON shape (the result dict's ``lenses["words"]``)::

    {"prior_scale": float, "min_z": float,
     "terms": {article_id: [{"term": str,        # "due process"
                             "ngram": 1 | 2,
                             "z": float,         # z-score >= min_z, rounded to 3 places; largest first
                             "delta": float,     # log-odds ratio, rounded to 3 places
                             "count": int,       # uses in this article
                             "others": int}]}}   # uses in all other articles together
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.model import Passage
from parallax.text.tokens import word_runs
from parallax.text.wordlists import (
    ENGLISH_STOP_WORDS,
    GENERAL_WORDS,
    HONORIFICS,
    MONTHS,
    NUMBER_WORDS,
    REPORTING_VERBS,
    TENS_WORDS,
    WEEKDAYS,
    word_set,
)

__all__ = [
    "CLEAR_Z",
    "TERM_STOP_WORDS",
    "Term",
    "name_words",
    "term_counts",
    "distinctive_terms",
    "charged_spans",
    "words_lens",
]

_NEGATIONS = frozenset({"not", "no", "never", "nor", "without"})
# scikit-learn's list holds content words that news needs ("due process", "fire", "bill").
_NEWS_TERMS = word_set(
    "due bill fire system interest call mill top front amount detail serious empty full thick thin sincere cry "
    "describe computer con"
)
TERM_STOP_WORDS = (
    (ENGLISH_STOP_WORDS - _NEWS_TERMS)
    | REPORTING_VERBS
    | HONORIFICS
    | GENERAL_WORDS
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(NUMBER_WORDS)
    | frozenset(TENS_WORDS)
    | word_set("tell did does hundred thousand million billion dozen")
)
"""Words the lens never lists: stop words, reporting verbs and honorifics (they only echo who is quoted),
words too general to frame anything, and calendar and number words."""
CLEAR_Z = 2.0
"""The z-score from which a term counts as an outlet's clear preference (two-sided 5% level, rounded)."""


@dataclass(frozen=True)
class Term:
    """One distinctive term of one article, with its log-odds ratio and z-score."""

    term: str
    ngram: int
    z: float
    delta: float
    count: int
    others: int

    def to_dict(self) -> dict[str, Any]:
        """The term as plain JSON-ready data."""
        return {
            "term": self.term,
            "ngram": self.ngram,
            "z": self.z,
            "delta": self.delta,
            "count": self.count,
            "others": self.others,
        }


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The lowercased words of names (outlets' names), which the lens leaves out."""
    return frozenset(w for name in names for run in word_runs(name) for w in run)


def term_counts(texts: Iterable[str], exclude: Collection[str] = frozenset()) -> tuple[Counter[str], Counter[str]]:
    """Unigram and bigram counts over `texts`, without stop words (as the module says) or `exclude` words."""

    def stop(word: str) -> bool:
        return word in TERM_STOP_WORDS or word in exclude or len(word) < 2

    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        for run in word_runs(text):
            unigrams.update(w for w in run if not stop(w))
            for first, second in zip(run, run[1:], strict=False):
                if stop(second) or (stop(first) and first not in _NEGATIONS):
                    continue
                bigrams[f"{first} {second}"] += 1
    return unigrams, bigrams


def _log_odds(
    counts: Sequence[Counter[str]],
    index: int,
    prior_scale: float,
    ngram: int,
    min_z: float,
    pooled: tuple[Counter[str], int],
) -> list[Term]:
    """Fightin' Words z-scores of article `index` against the pooled others, for one n-gram order.

    `pooled` is the sum of all `counts` and its total, summed once for every article (the pooled others
    are the corpus less this article, so the cost grows with the articles, not their square).
    """
    corpus, total = pooled
    mine = counts[index]
    n_i = sum(mine.values())
    n_j = total - n_i
    a_0 = prior_scale * (n_i + n_j)
    terms = []
    for word, y_i in mine.items():
        y_j = corpus[word] - y_i
        a_w = prior_scale * corpus[word]
        delta = math.log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - math.log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        z = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
        if z >= min_z and z > 0:
            terms.append(Term(word, ngram, round(z, 3), round(delta, 3), y_i, y_j))
    return terms


def _pooled(counts: Sequence[Counter[str]]) -> tuple[Counter[str], int]:
    """Every article's counts added up in place, and their total: adding Counters anew copies the growing sum."""
    pooled: Counter[str] = Counter()
    for one in counts:
        pooled.update(one)
    return pooled, sum(pooled.values())


def distinctive_terms(
    texts_by_article: Mapping[str, Iterable[str]],
    top: int = 15,
    prior_scale: float = 0.1,
    min_z: float = CLEAR_Z,
    exclude: Collection[str] = frozenset(),
) -> dict[str, list[Term]]:
    """The `top` terms and two-word phrases of each article against all the others, largest z first.

    `texts_by_article` maps article id to its passages' texts; `prior_scale` is the prior's total
    mass as a share of the corpus size (larger shrinks more); terms scoring below `min_z` are dropped,
    and so are the `exclude` words (lowercased) and any phrase holding one.
    """
    if prior_scale <= 0:
        raise ValueError(f"prior_scale must be positive, got {prior_scale}")
    ids = list(texts_by_article)
    pairs = [term_counts(texts_by_article[a], exclude) for a in ids]
    uni = [p[0] for p in pairs]
    bi = [p[1] for p in pairs]
    result: dict[str, list[Term]] = {}
    all_uni, all_bi = _pooled(uni), _pooled(bi)
    for index, article in enumerate(ids):
        if len(ids) < 2:
            result[article] = []
            continue
        bigrams = _log_odds(bi, index, prior_scale, 2, min_z, all_bi)
        covered = Counter()
        for term in bigrams:
            for word in term.term.split():
                covered[word] = max(covered[word], term.count)
        unigrams = [t for t in _log_odds(uni, index, prior_scale, 1, min_z, all_uni) if covered[t.term] < t.count]
        ranked = sorted(unigrams + bigrams, key=lambda t: (-t.z, -t.count, t.term))
        result[article] = ranked[:top]
    return result


def charged_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Character spans (start, end, term) of `terms` in `text`: case-insensitive, whole words,
    longest term first where two overlap, sorted by start. For highlighting escaped text."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for term in sorted({t.strip().lower() for t in terms if t.strip()}, key=lambda t: (-len(t), t)):
        words = [re.escape(w).replace("'", "['’]") for w in term.split()]
        pattern = re.compile(r"(?<![\w'’-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            if not any(taken[m.start() : m.end()]):
                spans.append((m.start(), m.end(), term))
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sorted(spans)


def words_lens(
    passages_by_article: Mapping[str, Sequence[Passage]],
    top: int = 15,
    prior_scale: float = 0.1,
    min_z: float = CLEAR_Z,
    outlets: Iterable[str] = (),
) -> dict[str, Any]:
    """The whole words lens as JSON-ready data (shape in the module docstring); the words of the
    `outlets`' names are never listed."""
    texts = {a: [p.text for p in ps] for a, ps in passages_by_article.items()}
    terms = distinctive_terms(texts, top=top, prior_scale=prior_scale, min_z=min_z, exclude=name_words(outlets))
    return {
        "prior_scale": prior_scale,
        "min_z": min_z,
        "terms": {a: [t.to_dict() for t in ts] for a, ts in terms.items()},
    }
