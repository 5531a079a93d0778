"""The whole analysis, one direction: articles, passages, vectors, alignment, claims, measures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from embeddings.base import Encoder
from parallax.align import PairScorer, align_articles
from parallax.claims import group_claims, short_label
from parallax.findings import findings
from parallax.measures import measure
from parallax.model import Article, Event, InputProblem, Passage
from parallax.passages import article_text, split_passages, word_count
from parallax.settings import Settings

__all__ = ["SCHEMA", "Comparison", "compare", "Progress"]

SCHEMA = 1
ENCODE_BATCH = 64

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, stage) while a comparison runs."""


@dataclass(frozen=True)
class Comparison:
    """A finished comparison: the result contract plus the passage vectors it was built from."""

    result: dict[str, Any]
    vectors: dict[str, np.ndarray] = field(repr=False)


def compare(
    event: Event,
    settings: Settings,
    encoder: Encoder,
    *,
    reference: str | None = None,
    problems: Sequence[InputProblem] = (),
    scorer: PairScorer | None = None,
    axes: Sequence[Any] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare the event's articles; articles that yield no passages are reported as problems."""
    report = progress or (lambda done, total, stage: None)
    settings.validate()
    passages, skipped = _split(event.articles, settings.passage_size)
    if not passages:
        raise ValueError("none of the articles has any text to compare")
    texts = [p for ps in passages.values() for p in ps]
    vectors = _encode(encoder, texts, report)
    report(0, 1, "aligning passages")
    alignments = align_articles(passages, vectors, scorer or _default_scorer(texts, vectors), settings.threshold)
    ref = reference if reference in passages else _default_reference(event, passages)
    claims = group_claims(passages, alignments, settings.threshold, reference=ref)
    measures = measure(passages, claims, alignments)
    outlet_names = {a.id: a.outlet for a in event.articles}
    report(1, 1, "aligning passages")
    report(0, 1, "reading framing")
    lenses = _lenses(event, passages, alignments, vectors, encoder, claims, axes)
    report(1, 1, "reading framing")
    kept = [a for a in event.articles if a.id in passages]
    result = {
        "schema": SCHEMA,
        "event": event.name,
        "model": encoder.model_id,
        "settings": {**settings.to_dict(), "model": encoder.model_id},
        "reference": ref,
        "articles": [_article_dict(a, passages[a.id]) for a in kept],
        "problems": [{"source": p.source, "message": p.message} for p in [*problems, *skipped]],
        "alignments": [{"a": s.a, "b": s.b, "score": s.score, "match": s.match} for s in alignments],
        "claims": [
            {"id": c.id, "label": c.label, "passages": list(c.passages), "outlets": list(c.outlets)} for c in claims
        ],
        "findings": findings(outlet_names, claims, measures, leads=_lead_labels(passages)),
        "measures": measures,
        "lenses": lenses,
    }
    return Comparison(result=result, vectors=vectors)


def _split(articles: Sequence[Article], size: str) -> tuple[dict[str, list[Passage]], list[InputProblem]]:
    passages: dict[str, list[Passage]] = {}
    skipped: list[InputProblem] = []
    for article in articles:
        found = split_passages(article, size)
        if found:
            passages[article.id] = found
        else:
            skipped.append(InputProblem(article.outlet or article.id, "no passages left after cleaning"))
    return passages, skipped


def _encode(encoder: Encoder, passages: Sequence[Passage], report: Progress) -> dict[str, np.ndarray]:
    rows: list[np.ndarray] = []
    total = len(passages)
    for start in range(0, total, ENCODE_BATCH):
        report(start, total, "embedding passages")
        rows.append(encoder.encode([p.text for p in passages[start : start + ENCODE_BATCH]]))
    report(total, total, "embedding passages")
    matrix = np.vstack(rows).astype(np.float32)
    return {p.id: matrix[i] for i, p in enumerate(passages)}


def _lead_labels(passages: dict[str, list[Passage]]) -> dict[str, str]:
    return {aid: short_label(ps[0].text) for aid, ps in passages.items() if ps}


def _default_scorer(passages: Sequence[Passage], vectors: dict[str, np.ndarray]) -> PairScorer:
    """The shipped matcher, weighing words and names by how common they are across all the event's passages."""
    from parallax.matcher import load_matcher

    return load_matcher().scorer([p.text for p in passages], np.stack([vectors[p.id] for p in passages]))


def _default_reference(event: Event, passages: dict[str, list[Passage]]) -> str:
    for article in event.articles:
        if article.meta.get("seed") and article.id in passages:
            return article.id
    return next(iter(passages))


def _article_dict(article: Article, passages: Sequence[Passage]) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "words": sum(word_count(p.text) for p in passages),
        "text": article_text(article),
        "passages": [{"id": p.id, "index": p.index, "text": p.text, "start": p.start, "end": p.end} for p in passages],
    }


def _lenses(
    event: Event,
    passages: dict[str, list[Passage]],
    alignments: Sequence[Any],
    vectors: dict[str, np.ndarray],
    encoder: Encoder,
    claims: Sequence[Any],
    axes: Sequence[Any] | None,
) -> dict[str, Any]:
    from parallax.lenses import PRESET_AXES, run_lenses

    chosen = PRESET_AXES if axes is None else axes
    return run_lenses(list(event.articles), passages, alignments, vectors, encoder, axes=chosen, claims=claims)
