"""The comparison result contract, typed once: what `compare` writes, the store saves and every view reads.

Results are plain JSON-ready dicts (they are saved, exported and sent to the browser as they are);
these TypedDicts say their shape. `read_result` is the one door for a result from outside (a saved
comparison, a JSON file): it migrates older schemas and checks the shape, so readers can index it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict

from parallax.model import Claim, PairScore, Passage

__all__ = [
    "SCHEMA",
    "AlignmentRow",
    "ArticleRow",
    "ClaimRow",
    "FindingRow",
    "PassageRow",
    "ProblemRow",
    "Result",
    "SyndicatedCopy",
    "SyndicatedRow",
    "alignment_rows",
    "claim_rows",
    "migrate",
    "passage_rows",
    "read_result",
]

SCHEMA = 2
"""2 added `grade` to every alignment; 1 had `score` and `match` only."""


class PassageRow(TypedDict):
    id: str
    index: int
    text: str
    start: int
    end: int


class ArticleRow(TypedDict):
    id: str
    outlet: str
    title: str
    url: str
    published: str
    words: int
    text: str
    passages: list[PassageRow]


class ProblemRow(TypedDict):
    source: str
    message: str


class AlignmentRow(TypedDict):
    a: str
    b: str
    score: float
    grade: str
    match: bool


class ClaimRow(TypedDict):
    id: str
    label: str
    passages: list[str]
    outlets: list[str]


class FindingRow(TypedDict):
    """A finding in words about one article and claim; `passage` is the passage it is about and `holds` whether
    it stands a step of strictness either side (both absent from results made before they were kept)."""

    kind: str
    article: str
    claim: str
    text: str
    passage: NotRequired[str]
    holds: NotRequired[bool | None]


class SyndicatedCopy(TypedDict):
    id: str
    outlet: str
    title: str
    url: str
    overlap: float


class SyndicatedRow(TypedDict):
    """One story republished near-identically: the article analysed and the copies counted with it."""

    story: str
    outlet: str
    copies: list[SyndicatedCopy]


class Result(TypedDict):
    """A finished comparison (see the README's "Output" section for each field's meaning)."""

    schema: int
    event: str
    model: str
    settings: dict[str, Any]
    reference: str
    articles: list[ArticleRow]
    problems: list[ProblemRow]
    alignments: list[AlignmentRow]
    claims: list[ClaimRow]
    findings: list[FindingRow]
    measures: dict[str, Any]
    lenses: dict[str, Any]
    syndicated: NotRequired[list[SyndicatedRow]]


_LISTS = ("articles", "problems", "alignments", "claims", "findings")
_REQUIRED = ("schema", "event", "model", "settings", "reference", *_LISTS, "measures", "lenses")


def passage_rows(passages: Iterable[Passage]) -> list[PassageRow]:
    """Passages as the result holds them."""
    return [PassageRow(id=p.id, index=p.index, text=p.text, start=p.start, end=p.end) for p in passages]


def alignment_rows(pairs: Iterable[PairScore]) -> list[AlignmentRow]:
    """Scored pairs as the result holds them."""
    return [AlignmentRow(a=s.a, b=s.b, score=s.score, grade=s.grade, match=s.match) for s in pairs]


def claim_rows(claims: Iterable[Claim]) -> list[ClaimRow]:
    """Claims as the result holds them."""
    return [ClaimRow(id=c.id, label=c.label, passages=list(c.passages), outlets=list(c.outlets)) for c in claims]


def migrate(result: Mapping[str, Any]) -> dict[str, Any]:
    """A result of any known schema as the current schema (a new dict; the input is left alone).

    Schema 1 had no grades: its matches read as `overlap` (a shared fact, the closer grade unknown)
    and its other pairs as `related`. Results made before the backend was a setting name it from the
    model id (the ONNX backend's ends in "+onnx-int8"; the others ran on torch). ValueError for a
    schema newer than this version reads.
    """
    version = result.get("schema")
    if not isinstance(version, int) or version < 1:
        raise ValueError(f"not a comparison result (schema {version!r})")
    if version > SCHEMA:
        raise ValueError(f"this result has schema {version}, newer than this version of Parallax reads ({SCHEMA})")
    migrated = dict(result)
    if version < 2:
        migrated["alignments"] = [
            {**row, "grade": row.get("grade") or ("overlap" if row.get("match") else "related")}
            for row in result.get("alignments") or ()
        ]
        migrated["schema"] = SCHEMA
    settings = result.get("settings")
    if isinstance(settings, Mapping) and "backend" not in settings:
        backend = "onnx" if str(result.get("model", "")).endswith("+onnx-int8") else "torch"
        migrated["settings"] = {**settings, "backend": backend}
    return migrated


def read_result(data: Mapping[str, Any]) -> Result:
    """A result from outside (saved, exported, a JSON file), migrated and checked; ValueError naming what is wrong."""
    result = migrate(data)
    missing = [key for key in _REQUIRED if key not in result]
    if missing:
        raise ValueError(f"not a comparison result: it has no {', '.join(missing)}")
    for key in _LISTS:
        if not isinstance(result[key], list):
            raise ValueError(f"not a comparison result: {key!r} must be a list")
    for key in ("settings", "measures", "lenses"):
        if not isinstance(result[key], dict):
            raise ValueError(f"not a comparison result: {key!r} must be an object")
    return result  # type: ignore[return-value]
