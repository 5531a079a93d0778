"""Small builders for tests: passages and scored pairs a reader can check by hand."""

from __future__ import annotations

from parallax.model import PairScore, Passage


def passages_of(article_id: str, *texts: str) -> list[Passage]:
    """One passage per text, laid end to end as the article's text."""
    found, start = [], 0
    for index, text in enumerate(texts):
        found.append(Passage(f"{article_id}:{index}", article_id, index, text, start, start + len(text)))
        start += len(text) + 1
    return found


def pair(a: str, b: str, score: float, threshold: float = 0.5) -> PairScore:
    """A scored pair, matched when the score reaches the threshold."""
    return PairScore(a, b, score, score >= threshold)
