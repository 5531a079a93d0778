"""A claim's passages side by side: one column per reporting outlet, reference first, with match scores.

Opened from every page (a finding, a chart cell or point, "All passages of this claim").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.plots.labels import match_note, outlet_labels
from parallax.views.alignment import NearMisses, pair_scores

__all__ = ["ClaimColumn", "ClaimView", "ShownPassage", "claim_view"]


@dataclass(frozen=True)
class ShownPassage:
    """One passage as the window shows it: where it stands in its article, how well it matches, its text."""

    article: str
    outlet: str
    position: str
    note: str
    text: str


@dataclass(frozen=True)
class ClaimColumn:
    """One outlet's passages of the claim."""

    article: str
    outlet: str
    reference: bool
    passages: tuple[ShownPassage, ...]


@dataclass(frozen=True)
class ClaimView:
    """The claim's window: its columns, the outlets that leave it out, and loose matches of a lone claim;
    `nearest` holds, from each outlet that leaves the claim out, its passage closest to the claim that fell
    short of a match (none where a lone claim has loose matches, which say more)."""

    label: str
    columns: tuple[ClaimColumn, ...]
    outlets: int
    missing: tuple[str, ...]
    elsewhere: tuple[ShownPassage, ...]
    nearest: tuple[ShownPassage, ...] = ()


def _note(pid: str, others: Sequence[str], scores: Mapping[tuple[str, str], tuple[float, str]], what: str) -> str:
    """The best score of `pid` with any of `others`, in words: " · same fact, 0.91 with the reference"."""
    found = [scores[pid, other] for other in others if (pid, other) in scores]
    if not found:
        return ""
    score, grade = max(found)
    return f" · {match_note(grade, score)} with {what}"


def claim_view(result: Mapping[str, Any], claim: Mapping[str, Any]) -> ClaimView:
    """Everything the claim's window shows.

    Beside the reference's own passages nothing is scored; another outlet's passage gets its best
    score with the reference's passages of the claim, or, when the reference does not report it,
    with the claim's other passages. A claim only one outlet reports also lists the other outlets'
    passages the matcher paired with it, too loosely to join it. Otherwise each outlet that leaves the
    claim out shows its closest passage that fell short, so "leaves out" and "only one outlet" can be checked.
    """
    labels = outlet_labels(result)
    members = set(claim["passages"])
    ref = result["reference"]
    scores = pair_scores(result)
    reporting = sorted((a for a in result["articles"] if a["id"] in claim["outlets"]), key=lambda a: a["id"] != ref)
    ref_passages = [p["id"] for a in reporting if a["id"] == ref for p in a["passages"] if p["id"] in members]

    def shown(article: Mapping[str, Any], p: Mapping[str, Any], note: str) -> ShownPassage:
        position = f"Passage {p['index'] + 1} of {len(article['passages'])}"
        return ShownPassage(article["id"], labels[article["id"]], position, note, p["text"])

    def note(article: Mapping[str, Any], pid: str) -> str:
        if article["id"] == ref:
            return ""
        if ref_passages:
            return _note(pid, ref_passages, scores, "the reference")
        return _note(pid, [m for m in members if m != pid], scores, "the others")

    columns = tuple(
        ClaimColumn(
            a["id"],
            labels[a["id"]],
            a["id"] == ref,
            tuple(shown(a, p, note(a, p["id"])) for p in a["passages"] if p["id"] in members),
        )
        for a in reporting
    )
    elsewhere: tuple[ShownPassage, ...] = ()
    if len(claim["outlets"]) == 1:
        matched = {
            row["b"] if row["a"] in members else row["a"]
            for row in result["alignments"]
            if row["match"] and (row["a"] in members) != (row["b"] in members)
        }
        elsewhere = tuple(
            shown(a, p, _note(p["id"], sorted(members), scores, "this passage"))
            for a in result["articles"]
            for p in a["passages"]
            if p["id"] in matched
        )
    nearest: tuple[ShownPassage, ...] = ()
    if not elsewhere and len(claim["outlets"]) < len(result["articles"]):
        where = {p["id"]: (a, p) for a in result["articles"] for p in a["passages"]}
        nearest = tuple(shown(*where[pid], _note(pid, sorted(members), scores, "this claim"))
                        for pid in NearMisses.of(result).around(members, limit=len(result["articles"])))
    missing = tuple(labels[a["id"]] for a in result["articles"] if a["id"] not in claim["outlets"])
    return ClaimView(claim["label"], columns, len(result["articles"]), missing, elsewhere, nearest)
