"""Clashing facts lens: aligned passages that state different numbers, sums, percentages, years or
dates for what reads as the same fact ("238 Venezuelans" against "more than 250 Venezuelans").

Figures come from `parallax.text.numbers` and agree the way it says (a qualifier makes a range, so
"238" against "more than 200" agrees; "238" against "two hundred thirty-eight" agrees). Within one
matched pair, figures are compared kind by kind: first every figure that agrees with one on the
other side is set aside; then two figures clash when they count the same thing (`counted_noun` reads
the same noun after them: "238 Venezuelans" / "250 Venezuelans", "3 new detention centres" / "2 new
detention centres", "a 2019 court order" / "a 2018 court order"), or, for sums, percentages, dates
of the same precision and counts that name no thing, when each passage has exactly one such figure
left. A year never clashes with a count, and two years clash only by the first rule. Spans counted
back from the day of writing ("five days ago") are left out, since articles written on different
days rightly differ there. Named entities are not compared: telling "a different person in the same
role" from "another person" is beyond a heuristic, and a false clash costs more trust than a missed
one.

JSON shape (the result dict's ``lenses["clashes"]``, in alignment order)::

    [{"a": passage_id, "b": passage_id,
      "kind": "number" | "money" | "percent" | "year" | "date",
      "a_value": str, "b_value": str,          # as written, with any qualifier: "more than 250"
      "detail": str,                            # "238 vs more than 250"
      "text_a": str, "text_b": str}]           # the two passages
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parallax.model import PairScore
from parallax.text.numbers import KINDS, Quantity, counted_noun, extract_quantities, quantities_agree
from parallax.text.wordlists import WEEKDAYS

__all__ = ["Clash", "passage_clashes", "find_clashes"]

_AGO = re.compile(
    r"\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+ago\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Clash:
    """Two figures of one kind, one in each passage of a matched pair, that cannot both be true."""

    a: str
    b: str
    kind: str
    a_value: str
    b_value: str

    def to_dict(self, text_a: str = "", text_b: str = "") -> dict[str, Any]:
        """The clash as plain JSON-ready data, with the two passages' texts."""
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "a_value": self.a_value,
            "b_value": self.b_value,
            "detail": f"{self.a_value} vs {self.b_value}",
            "text_a": text_a,
            "text_b": text_b,
        }


def _shown(text: str, q: Quantity) -> str:
    """The figure as written, with a qualifier that stands before it ("more than 250")."""
    start = q.start
    if q.qualifier:
        before = text[: q.start].rstrip()
        if before.lower().endswith(q.qualifier):
            start = len(before) - len(q.qualifier)
    return text[start : q.end].strip()


def _grain(q: Quantity) -> str:
    """Which parts a date states: "weekday", or some of year/month/day ("-md" for "April 10")."""
    key = q.key or ""
    if key in WEEKDAYS:
        return "weekday"
    if key.startswith("--"):
        return "-" + "md"[: len(key[2:].split("-"))]
    return "y" + "md"[: len(key.split("-")) - 1]


def _lone_pair_clashes(kind: str, x: Quantity, y: Quantity, unit_x: str | None, unit_y: str | None) -> bool:
    if kind in ("money", "percent"):
        return True
    if kind == "date":
        return _grain(x) == _grain(y)
    if kind == "number":
        return unit_x is None or unit_y is None
    return False


def passage_clashes(a: str, text_a: str, b: str, text_b: str) -> list[Clash]:
    """Figures that clash between two passages taken to report the same thing (rules above)."""
    found_a = [q for q in extract_quantities(text_a) if not _AGO.match(text_a, q.end)]
    found_b = [q for q in extract_quantities(text_b) if not _AGO.match(text_b, q.end)]
    clashes = []
    for kind in KINDS:
        left = [q for q in found_a if q.kind == kind]
        right = [q for q in found_b if q.kind == kind]
        for x in list(left):
            partner = next((y for y in right if quantities_agree(x, y)), None)
            if partner is not None:
                left.remove(x)
                right.remove(partner)
        units = {id(q): counted_noun(text_a, q) for q in left} | {id(q): counted_noun(text_b, q) for q in right}
        pairs = []
        for x in list(left):
            partner = next(
                (
                    y
                    for y in right
                    if units[id(x)] is not None and units[id(x)] == units[id(y)] and quantities_agree(x, y) is False
                ),
                None,
            )
            if partner is not None:
                pairs.append((x, partner))
                left.remove(x)
                right.remove(partner)
        if len(left) == 1 and len(right) == 1:
            x, y = left[0], right[0]
            if quantities_agree(x, y) is False and _lone_pair_clashes(kind, x, y, units[id(x)], units[id(y)]):
                pairs.append((x, y))
        for x, y in sorted(pairs, key=lambda p: p[0].start):
            clashes.append(Clash(a, b, kind, _shown(text_a, x), _shown(text_b, y)))
    return clashes


def find_clashes(alignments: Iterable[PairScore], passage_text: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every clash in the matched pairs, in alignment order, as JSON-ready data (shape above)."""
    out = []
    for pair in alignments:
        if not pair.match or pair.a not in passage_text or pair.b not in passage_text:
            continue
        text_a, text_b = passage_text[pair.a], passage_text[pair.b]
        out.extend(c.to_dict(text_a, text_b) for c in passage_clashes(pair.a, text_a, pair.b, text_b))
    return out
