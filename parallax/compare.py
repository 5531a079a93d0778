"""The whole analysis, one direction: articles, passages, vectors, alignment, claims, measures."""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import numpy as np

from embeddings.base import Encoder
from parallax.align import align_passages
from parallax.align.scorer import Scorer
from parallax.claims import group_claims
from parallax.discover.syndication import set_aside_copies
from parallax.findings import findings
from parallax.measures import measure
from parallax.model import Article, Event, InputProblem, Passage
from parallax.passages import article_text, split_passages
from parallax.result import SCHEMA, ArticleRow, ProblemRow, Result, alignment_rows, claim_rows, passage_rows
from parallax.settings import Limits, Settings
from parallax.text.tokens import word_count

__all__ = ["SCHEMA", "Comparison", "ComparisonTooBig", "TimeBudgetExceeded", "compare", "Progress"]

ENCODE_BATCH = 64

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, stage) while a comparison runs."""


class ComparisonTooBig(ValueError):
    """The articles exceed a limit of one comparison; the message names the limit and what to do."""


class TimeBudgetExceeded(RuntimeError):
    """The comparison ran past its time budget and was stopped; the message says what to do."""


@dataclass(frozen=True)
class Comparison:
    """A finished comparison: the result contract, the passage vectors it was built from, and the
    articles left out because they yielded no passages."""

    result: Result
    vectors: dict[str, np.ndarray] = field(repr=False)
    skipped: tuple[InputProblem, ...] = ()


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused_during(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """`function` run with Python's cycle collector paused, and resumed after by whoever found it running.

    A comparison builds hundreds of thousands of small objects and frees them by reference counting;
    the collector's repeated scans of everything alive took about a tenth of a 200-article comparison,
    a share that grows with the articles. It is resumed even when the comparison fails.
    """

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        running = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if running:
                gc.enable()

    return paused


@_collector_paused_during
def compare(
    event: Event,
    settings: Settings,
    encoder: Encoder,
    *,
    reference: str | None = None,
    problems: Sequence[InputProblem] = (),
    scorer: Scorer | None = None,
    axes: Sequence[Any] | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
    time_budget_s: float | None = None,
    group_copies: bool = True,
) -> Comparison:
    """Compare the event's articles; articles that yield no passages are reported as problems.

    With `group_copies`, near-identical articles (one story syndicated on several sites) are analysed
    once: the copies are listed under the result's `syndicated` and noted among its problems.

    ComparisonTooBig when the articles exceed `limits` (articles, passages); TimeBudgetExceeded
    when `time_budget_s` is given and the work runs past it (checked between steps).
    """
    limits = limits or Limits()
    report = _guarded(progress, time_budget_s)
    settings.validate()
    if len(event.articles) > limits.max_articles:
        raise ComparisonTooBig(
            f"{len(event.articles)} articles is more than one comparison may hold ({limits.max_articles}); "
            "remove some"
        )
    passages, skipped = _split(event.articles, settings.passage_size, limits.max_passage_chars)
    if not passages:
        raise ValueError("none of the articles has any text to compare")
    ref = reference if reference in passages else _default_reference(event, passages)
    syndicated, copies = [], []
    if group_copies:
        passages, syndicated, copies = set_aside_copies(event.articles, passages, ref)
    texts = [p for ps in passages.values() for p in ps]
    if len(texts) > limits.max_passages:
        unit = "paragraphs" if settings.passage_size == "paragraph" else "sentences"
        raise ComparisonTooBig(
            f"these articles make {len(texts):,} passages, more than one comparison may hold "
            f"({limits.max_passages:,}); remove some articles"
            + (", or compare by paragraph" if unit == "sentences" else "")
        )
    vectors = _encode(encoder, texts, report)
    report(0, 1, "aligning passages")
    alignments = align_passages(passages, vectors, settings.threshold, scorer)
    claims = group_claims(passages, alignments, settings.threshold, reference=ref)
    measures = measure(passages, claims, alignments)
    outlet_names = {a.id: a.outlet for a in event.articles}
    report(1, 1, "aligning passages")
    report(0, 1, "reading framing")
    lenses = _lenses(event, passages, alignments, vectors, encoder, claims, axes)
    report(1, 1, "reading framing")
    kept = [a for a in event.articles if a.id in passages]
    result = Result(
        schema=SCHEMA,
        event=event.name,
        model=encoder.model_id,
        settings=settings.to_dict(),
        reference=ref,
        articles=[_article_row(a, passages[a.id]) for a in kept],
        problems=[ProblemRow(source=p.source, message=p.message) for p in [*problems, *skipped, *copies]],
        alignments=alignment_rows(alignments),
        claims=claim_rows(claims),
        findings=findings(
            passages, claims, measures, outlet_names, alignments=alignments, threshold=settings.threshold,
            reference=ref, clashes=lenses.get("clashes") or (),
        ),
        measures=measures,
        lenses=lenses,
    )
    if syndicated:
        result["syndicated"] = syndicated
    return Comparison(result=result, vectors=vectors, skipped=tuple(skipped))


def _guarded(progress: Progress | None, budget_s: float | None) -> Progress:
    """The progress callback, stopping the comparison once it has run past its time budget."""
    started = time.monotonic()

    def report(done: int, total: int, stage: str) -> None:
        if budget_s is not None and time.monotonic() - started > budget_s:
            raise TimeBudgetExceeded(
                f"The comparison was stopped while {stage}: it ran past {budget_s:g} s, the limit on this "
                "server. Remove some articles, or compare by paragraph, and try again."
            )
        if progress is not None:
            progress(done, total, stage)

    return report


def _split(
    articles: Sequence[Article], size: str, max_chars: int
) -> tuple[dict[str, list[Passage]], list[InputProblem]]:
    passages: dict[str, list[Passage]] = {}
    skipped: list[InputProblem] = []
    for article in articles:
        found = split_passages(article, size, max_chars)
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


def _default_reference(event: Event, passages: dict[str, list[Passage]]) -> str:
    for article in event.articles:
        if article.meta.get("seed") and article.id in passages:
            return article.id
    return next(iter(passages))


def _article_row(article: Article, passages: Sequence[Passage]) -> ArticleRow:
    return ArticleRow(
        id=article.id,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        published=article.published,
        words=sum(word_count(p.text) for p in passages),
        text=article_text(article),
        passages=passage_rows(passages),
    )


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
