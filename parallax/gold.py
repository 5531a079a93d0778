"""Densely labelled events: every passage tagged with the facts it reports, so every pair has a grade.

A labelled event is an event JSON whose articles give their `passages`, plus a fact catalogue and,
per article, one label per passage: the facts it reports, the facts it only mentions (names or
refers to as context) and the subjects it is about. The grade of any two passages of different
articles follows from their labels, so every cross-article pair is judged, not a sample:

- `same`: both report exactly the same facts (in any words);
- `overlap`: they share at least one reported fact and one of them reports another;
- `related`: no shared reported fact, but a shared subject, or a fact one reports or mentions and
  the other mentions;
- `unrelated`: nothing shared.

This is the evaluation target of passage matching (see bench/README.md); the files live in
`bench/dense/`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["GRADES", "MATCH_GRADES", "GoldEvent", "GoldPassage", "grade", "load_gold", "gold_pairs"]

GRADES = ("same", "overlap", "related", "unrelated")
"""From closest to furthest; a match is one of MATCH_GRADES."""
MATCH_GRADES = frozenset({"same", "overlap"})


@dataclass(frozen=True)
class GoldPassage:
    """One passage of a labelled article, with what it reports."""

    article: str
    index: int
    text: str
    facts: frozenset[str]
    subjects: frozenset[str]
    mentions: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        """The passage id a comparison gives this passage: `<article id>:<index>`."""
        return f"{self.article}:{self.index}"


@dataclass(frozen=True)
class GoldEvent:
    """A labelled event: its name, the input event (JSON form), its facts and labelled passages."""

    name: str
    event: dict[str, Any]
    facts: dict[str, str]
    subjects: dict[str, str]
    passages: tuple[GoldPassage, ...]


def grade(a: GoldPassage, b: GoldPassage) -> str:
    """The grade of two passages from their labels (see the module docstring)."""
    if a.facts & b.facts:
        return "same" if a.facts == b.facts else "overlap"
    touched = (a.facts | a.mentions) & (b.facts | b.mentions)
    return "related" if touched or a.subjects & b.subjects else "unrelated"


def gold_pairs(event: GoldEvent) -> Iterator[tuple[GoldPassage, GoldPassage, str]]:
    """Every pair of passages from two different articles, the earlier article first, with its grade."""
    order = {a["id"]: k for k, a in enumerate(event.event["articles"])}
    passages = sorted(event.passages, key=lambda p: (order[p.article], p.index))
    for i, left in enumerate(passages):
        for right in passages[i + 1 :]:
            if right.article != left.article:
                yield left, right, grade(left, right)


def load_gold(path: str | Path) -> GoldEvent:
    """Read a labelled event file; ValueError naming the file and the place of the first mistake."""
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    facts = _catalogue(data, "facts", path)
    subjects = _catalogue(data, "subjects", path)
    passages: list[GoldPassage] = []
    articles = data.get("articles")
    if not isinstance(articles, list) or len(articles) < 2:
        raise ValueError(f"{path}: needs an 'articles' list of at least two articles")
    for article in articles:
        aid = article.get("id")
        texts, labels = article.get("passages"), article.get("labels")
        if not isinstance(texts, list) or not isinstance(labels, list) or len(texts) != len(labels):
            raise ValueError(f"{path}: article {aid!r} needs as many 'labels' as 'passages'")
        for index, (text, label) in enumerate(zip(texts, labels, strict=True)):
            where = f"{path}: article {aid!r} passage {index}"
            found_facts = frozenset(label.get("facts", ()))
            found_mentions = frozenset(label.get("mentions", ())) - found_facts
            found_subjects = frozenset(label.get("subjects", ()))
            unknown = ((found_facts | found_mentions) - facts.keys()) | (found_subjects - subjects.keys())
            if unknown:
                raise ValueError(f"{where}: unknown labels {sorted(unknown)}")
            passages.append(GoldPassage(aid, index, text, found_facts, found_subjects, found_mentions))
    event = {
        "event": data.get("event", path.stem),
        "articles": [{k: v for k, v in a.items() if k != "labels"} for a in articles],
    }
    return GoldEvent(event["event"], event, facts, subjects, tuple(passages))


def _catalogue(data: dict[str, Any], key: str, path: Path) -> dict[str, str]:
    found = data.get(key)
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        raise ValueError(f"{path}: needs a '{key}' object of id -> description")
    return dict(found)
