"""The Alignment page's rows: each reference passage with its counterparts, and what only the others report."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parallax.lenses.words import CLEAR_Z, TERM_STOP_WORDS, name_words
from parallax.plots.labels import claim_of_passage, match_note, outlet_labels
from parallax.text.tokens import word_runs

__all__ = [
    "FILTERS",
    "MISSING_SHOWN",
    "NEAREST_SHOWN",
    "PAGE_SIZE",
    "AlignedPassage",
    "Alignment",
    "Counterpart",
    "MissingClaim",
    "NearMisses",
    "alignment",
    "highlight_terms",
    "match_partners",
    "page_ranges",
    "pair_scores",
    "shown",
]

FILTERS: dict[str, str] = {
    "all": "All passages",
    "shared": "Reported elsewhere too",
    "unique": "Only in the reference",
}
"""The page's filter (the URL's `filter`): value -> the words shown."""
PAGE_SIZE = 8
"""Reference passages shown at once: the first screen holds the first few, the others a click away."""
MISSING_SHOWN = 5
"""Claims the reference leaves out listed at first, those most other outlets report; the rest on request."""
NEAREST_SHOWN = 3
"""Unmatched passages shown beside a reference passage that nothing matches: the closest few, one per outlet."""


@dataclass(frozen=True)
class Counterpart:
    """Another outlet's passage beside a reference passage, with their match score and grade when scored."""

    article: str
    outlet: str
    passage: Mapping[str, Any]
    score: float | None
    grade: str = ""

    @property
    def note(self) -> str:
        """The grade in words with the score ("same fact, 0.91"), or "" for an unscored pair."""
        return "" if self.score is None else match_note(self.grade, self.score)


@dataclass(frozen=True)
class AlignedPassage:
    """One reference passage: the others' passages in its claim, and those matched to it outside that claim.

    A passage nothing matches has `nearest`: the other outlets' closest passages that fell short of a match
    (never one graded unrelated), so a reader can judge whether one says the same thing in other words.
    """

    passage: Mapping[str, Any]
    claim: str | None
    reported: tuple[Counterpart, ...]
    loose: tuple[Counterpart, ...]
    nearest: tuple[Counterpart, ...] = ()

    @property
    def elsewhere(self) -> bool:
        """Another outlet reports this passage (in its claim, or matched to it)."""
        return bool(self.reported or self.loose)

    @property
    def outlets(self) -> int:
        """How many other outlets report it in its claim."""
        return len({c.article for c in self.reported})


@dataclass(frozen=True)
class MissingClaim:
    """A claim the reference leaves out, with the outlets that report it, in article order."""

    claim: Mapping[str, Any]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Alignment:
    """The whole page: the reference, its passages in order, and the claims only the others report."""

    reference: str
    outlet: str
    passages: tuple[AlignedPassage, ...]
    missing: tuple[MissingClaim, ...]

    @property
    def shared(self) -> int:
        """Reference passages another outlet reports too."""
        return sum(1 for row in self.passages if row.elsewhere)

    @property
    def missing_several(self) -> tuple[MissingClaim, ...]:
        """Missing claims that two or more others report."""
        return tuple(m for m in self.missing if len(m.outlets) > 1)

    @property
    def missing_single(self) -> tuple[MissingClaim, ...]:
        """Missing claims that one other outlet alone reports."""
        return tuple(m for m in self.missing if len(m.outlets) == 1)


def pair_scores(result: Mapping[str, Any]) -> dict[tuple[str, str], tuple[float, str]]:
    """(passage id, passage id) -> (match score, grade), in both orders."""
    scores: dict[tuple[str, str], tuple[float, str]] = {}
    for row in result["alignments"]:
        found = (float(row["score"]), str(row.get("grade") or ""))
        scores[row["a"], row["b"]] = scores[row["b"], row["a"]] = found
    return scores


def alignment(result: Mapping[str, Any]) -> Alignment:
    """The reference passage by passage, with counterparts and loose matches, and the claims it lacks.

    A passage's counterparts are the other outlets' passages in its claim (what "reported by"
    counts, as the claim's window does); its loose matches are other outlets' passages matched to
    it that did not join its claim, the best one per outlet. Both are in article order, best first.
    The claims the reference lacks leave out those holding a passage it matches loosely.
    """
    labels = outlet_labels(result)
    ref = result["reference"]
    order = {a["id"]: n for n, a in enumerate(result["articles"])}
    owner = {p["id"]: (a["id"], p) for a in result["articles"] for p in a["passages"]}
    claims = {c["id"]: c for c in result["claims"]}
    claim_of = claim_of_passage(result)
    scores = pair_scores(result)
    near = NearMisses.of(result)
    matches = match_partners(result)

    def counterpart(pid: str, other: str) -> Counterpart:
        article, passage = owner[other]
        score, grade = scores.get((pid, other), (None, ""))
        return Counterpart(article, labels[article], passage, score, grade)

    def by_outlet(row: Counterpart) -> tuple[int, float]:
        return order[row.article], -(row.score or 0.0)

    rows = []
    reference = next(a for a in result["articles"] if a["id"] == ref)
    for passage in reference["passages"]:
        pid = passage["id"]
        claim = claims.get(claim_of.get(pid, ""))
        reported = [counterpart(pid, o) for o in (claim["passages"] if claim else []) if owner[o][0] != ref]
        loose = _best_per_outlet(counterpart(pid, o) for o in matches.get(pid, []) if owner[o][0] != ref)
        for article in {r.article for r in reported}:
            loose.pop(article, None)
        nearest = [] if reported or loose else [counterpart(pid, o) for o in near.around({pid})]
        rows.append(AlignedPassage(
            passage,
            claim["id"] if claim else None,
            tuple(sorted(reported, key=by_outlet)),
            tuple(sorted(loose.values(), key=by_outlet)),
            tuple(nearest),
        ))
    # A claim one of whose passages a reference passage matches, outside any shared claim, is on that passage's
    # card, not left out: the rule the measures' omitted claims follow.
    matched_by_ref = {o for row in rows for o in matches.get(row.passage["id"], [])}
    missing = sorted(
        (MissingClaim(c, tuple(labels[a] for a in sorted(c["outlets"], key=order.__getitem__)))
         for c in result["claims"] if ref not in c["outlets"] and not matched_by_ref & set(c["passages"])),
        key=lambda m: -len(m.outlets),
    )
    return Alignment(ref, labels[ref], tuple(rows), tuple(missing))


@dataclass(frozen=True)
class NearMisses:
    """Each passage's closest passage in every other article that fell short of a match (never one graded
    unrelated), read from the result once: what a reader should check before trusting that no other outlet
    reports a passage."""

    owner: Mapping[str, str]
    best: Mapping[str, Mapping[str, tuple[float, str]]]
    """Passage id -> other article -> (score, passage id) of its best unmatched counterpart there."""

    @classmethod
    def of(cls, result: Mapping[str, Any]) -> NearMisses:
        """One pass over the result's scored pairs."""
        owner = {p["id"]: a["id"] for a in result["articles"] for p in a["passages"]}
        best: dict[str, dict[str, tuple[float, str]]] = {}
        for row in result["alignments"]:
            if row["match"] or row.get("grade") == "unrelated":
                continue
            for mine, other in ((row["a"], row["b"]), (row["b"], row["a"])):
                per_article = best.setdefault(mine, {})
                found = (float(row["score"]), other)
                if found > per_article.get(owner[other], (-1.0, "")):
                    per_article[owner[other]] = found
        return cls(owner, best)

    def around(self, members: Collection[str], limit: int = NEAREST_SHOWN) -> list[str]:
        """The closest unmatched passages to any of `members` from the articles they are not in: the best per
        article, best first, at most `limit`."""
        own = {self.owner[m] for m in members}
        best: dict[str, tuple[float, str]] = {}
        for member in members:
            for article, found in self.best.get(member, {}).items():
                if article not in own and found > best.get(article, (-1.0, "")):
                    best[article] = found
        return [pid for _, pid in sorted(best.values(), reverse=True)[:limit]]


def match_partners(result: Mapping[str, Any]) -> dict[str, list[str]]:
    """Passage id -> the passages the matcher matched it with, whether or not they share a claim."""
    partners: dict[str, list[str]] = {}
    for row in result["alignments"]:
        if row["match"]:
            partners.setdefault(row["a"], []).append(row["b"])
            partners.setdefault(row["b"], []).append(row["a"])
    return partners


def _best_per_outlet(rows: Iterable[Counterpart]) -> dict[str, Counterpart]:
    """Article id -> the highest-scored of `rows` from that article."""
    best: dict[str, Counterpart] = {}
    for row in rows:
        if row.article not in best or (row.score or 0.0) > (best[row.article].score or 0.0):
            best[row.article] = row
    return best


def shown(rows: tuple[AlignedPassage, ...], choice: str) -> list[AlignedPassage]:
    """The rows a filter shows: all, only those reported elsewhere too, or only those in the reference alone."""
    if choice == "shared":
        return [row for row in rows if row.elsewhere]
    if choice == "unique":
        return [row for row in rows if not row.elsewhere]
    return list(rows)


def page_ranges(count: int, size: int = PAGE_SIZE) -> list[tuple[int, int]]:
    """(start, end) of each page of `count` rows, `size` at a time; one page when they all fit."""
    return [(start, min(start + size, count)) for start in range(0, count, size)] or [(0, 0)]


def highlight_terms(result: Mapping[str, Any], min_z: float = CLEAR_Z) -> dict[str, list[str]]:
    """Article id -> the distinctive terms worth marking in its passages: clear preferences only (z >= `min_z`),
    never a stop word, a general or calendar word, or a word of an outlet's own name alone, even in a result
    saved before the words lens left them out."""
    terms = (result.get("lenses") or {}).get("words", {}).get("terms", {})
    names = name_words(a["outlet"] for a in result["articles"] if a.get("outlet"))
    found: dict[str, list[str]] = {}
    for article, rows in terms.items():
        found[article] = [
            row["term"] for row in rows
            if float(row.get("z", 0.0)) >= min_z
            and any(w not in TERM_STOP_WORDS and w not in names and len(w) > 1
                    for run in word_runs(row["term"]) for w in run)
        ]
    return found
