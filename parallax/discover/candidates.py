"""Candidates for the comparison: found reports, ranked by how close their title and summary are to the reference."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from embeddings.base import Encoder
from parallax.inputs.articles import domain
from parallax.model import Article
from parallax.passages import article_text

__all__ = ["SIMILARITY_FLOOR", "Candidate", "rank_candidates", "reference_text", "same_url"]

SIMILARITY_FLOOR = 0.5
"""`compare --find` adds only candidates at least this close to the reference (cosine of title plus summary)."""
_LEAD_CHARS = 400


@dataclass(frozen=True)
class Candidate:
    """One report a search found: where it is, what it says of itself, and how close it is to the reference."""

    url: str
    title: str
    domain: str
    published: str = ""
    language: str = ""
    summary: str = ""
    source: str = ""
    similarity: float = 0.0

    def text(self) -> str:
        """What the encoder reads: the title, then the summary when there is one."""
        return f"{self.title}. {self.summary}".strip(" .") if self.summary else self.title


def reference_text(article: Article) -> str:
    """The reference as candidates are compared with it: its title and the start of its text."""
    lead = article_text(article)[:_LEAD_CHARS]
    return f"{article.title}. {lead}".strip(" .")


def same_url(url: str) -> str:
    """A URL reduced for spotting the same page twice: no scheme, "www.", query, fragment or final slash."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return url.strip()
    return urlunsplit(("", domain(url.strip()), path.rstrip("/"), "", ""))


def rank_candidates(
    found: Iterable[Candidate], reference: Article, encoder: Encoder, *, cap: int, known: Sequence[str] = ()
) -> list[Candidate]:
    """The candidates best first by cosine to the reference, at most `cap`, without pages already known.

    A page found twice (by GDELT and a feed) is kept once; `known` are URLs already in the comparison.
    """
    seen = {same_url(u) for u in [*known, reference.url] if u}
    unique: list[Candidate] = []
    for candidate in found:
        key = same_url(candidate.url)
        if key and key not in seen and candidate.title.strip():
            seen.add(key)
            unique.append(candidate)
    if not unique:
        return []
    rows = encoder.encode([reference_text(reference), *(c.text() for c in unique)])
    scores = np.asarray(rows[1:], dtype=np.float32) @ np.asarray(rows[0], dtype=np.float32)
    scored = [replace(c, similarity=round(float(s), 4)) for c, s in zip(unique, scores, strict=True)]
    scored.sort(key=lambda c: (-c.similarity, c.url))
    return scored[: max(cap, 0)]
