"""Framing lenses over a finished alignment: tone, distinctive words, voices, clashing facts, axes.

Each lens is a pure function of the articles, their passages, the alignments (and, for axes, the
passage vectors and the encoder) returning plain JSON-ready data; `run_lenses` gathers them into
the result dict's "lenses" key. Each lens module's docstring documents its JSON shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from embeddings.base import Encoder
from parallax.lenses.axes import PRESET_AXES, Axis, axes_lens, format_axis, parse_axis
from parallax.lenses.clashes import find_clashes
from parallax.lenses.tone import tone_lens
from parallax.lenses.voices import voices_lens
from parallax.lenses.words import charged_spans, words_lens
from parallax.model import Article, Claim, PairScore, Passage

__all__ = ["LENSES", "run_lenses", "Axis", "PRESET_AXES", "parse_axis", "format_axis", "charged_spans"]

LENSES = ("tone", "words", "voices", "clashes", "axes")


def _claim_dicts(claims: Iterable[Claim | Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [c if isinstance(c, Mapping) else {"id": c.id, "passages": list(c.passages)} for c in claims]


def run_lenses(
    articles: Sequence[Article],
    passages_by_article: Mapping[str, Sequence[Passage]],
    alignments: Sequence[PairScore],
    vectors: Mapping[str, np.ndarray],
    encoder: Encoder,
    axes: Sequence[Axis | str] = PRESET_AXES,
    claims: Iterable[Claim | Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """All lenses as {"tone", "words", "voices", "clashes", "axes"}; articles without passages are left
    out. `axes` may be Axis objects or spec strings (a bad spec raises ValueError). With `claims`
    (Claim objects or {"id", "passages"} dicts) the tone lens adds per-claim tone."""
    chosen = [parse_axis(a) if isinstance(a, str) else a for a in axes]
    kept = [a for a in articles if passages_by_article.get(a.id)]
    by_article = {a.id: list(passages_by_article[a.id]) for a in kept}
    passages = [p for ps in by_article.values() for p in ps]
    text = {p.id: p.text for p in passages}
    return {
        "tone": tone_lens(passages, alignments, None if claims is None else _claim_dicts(claims)),
        "words": words_lens(by_article, outlets=[a.outlet for a in articles]),
        "voices": voices_lens(kept, by_article),
        "clashes": find_clashes(alignments, text),
        "axes": axes_lens(chosen, passages, vectors, encoder),
    }
