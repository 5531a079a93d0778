"""Plain data that crosses module lines: articles, passages, alignments, claims, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "Event", "Passage", "PairScore", "Claim", "InputProblem", "LoadResult"]


@dataclass(frozen=True)
class Article:
    """One outlet's report: full `text`, or `passages` given already split (used as given)."""

    id: str
    outlet: str
    title: str = ""
    url: str = ""
    published: str = ""
    text: str = ""
    passages: tuple[str, ...] | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Event:
    """The articles being compared, with the event's name."""

    name: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph of one article, with offsets into that article's text."""

    id: str
    article_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PairScore:
    """How likely two passages of different articles report the same fact, the decision, and its grade.

    `grade` is one of same, overlap (both matches), related, unrelated.
    """

    a: str
    b: str
    score: float
    match: bool
    grade: str = ""


@dataclass(frozen=True)
class Claim:
    """Passages across articles that report one thing; `outlets` holds article ids."""

    id: str
    label: str
    passages: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class InputProblem:
    """A source that could not be used (or was used with a caveat), named and explained."""

    source: str
    message: str
    fatal: bool = True


@dataclass(frozen=True)
class LoadResult:
    """Articles read from some sources, plus one problem per source that failed."""

    articles: tuple[Article, ...]
    problems: tuple[InputProblem, ...] = ()
    name: str = ""
