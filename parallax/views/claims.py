"""A claim's passages side by side: one column per reporting outlet, reference first, with match scores.

Opened from every page (a finding, a chart cell or point, "All passages of this claim").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.plots.labels import match_note, outlet_labels
from parallax.views.alignment import NearMisses, match_partners, pair_scores

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
    """The claim's window: its columns; `elsewhere`, the passages of outlets outside the claim that the
    matcher paired with one of its passages but that did not join it; `missing`, the outlets with no such
    passage; and `nearest`, from each of those, its passage closest to the claim that fell short of a match."""

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
    with the claim's other passages. An outlet outside the claim shows the passages the matcher paired
    with the claim's that did not join it (they match too few of its passages); failing those, its
    closest passage that fell short, so "leaves out" and "only one outlet" can be checked.
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
    outside = {a["id"] for a in result["articles"]} - set(claim["outlets"])
    partners = match_partners(result)
    matched = {other for member in members for other in partners.get(member, ()) if other not in members}
    elsewhere = tuple(
        shown(a, p, _note(p["id"], sorted(members), scores, "this claim" if len(members) > 1 else "this passage"))
        for a in result["articles"]
        if a["id"] in outside
        for p in a["passages"]
        if p["id"] in matched
    )
    leaving_out = outside - {passage.article for passage in elsewhere}
    where = {p["id"]: (a, p) for a in result["articles"] for p in a["passages"]}
    nearest = tuple(shown(*where[pid], _note(pid, sorted(members), scores, "this claim"))
                    for pid in NearMisses.of(result).around(members, limit=len(result["articles"]))
                    if where[pid][0]["id"] in leaving_out)
    missing = tuple(labels[a["id"]] for a in result["articles"] if a["id"] in leaving_out)
    return ClaimView(claim["label"], columns, len(result["articles"]), missing, elsewhere, nearest)
