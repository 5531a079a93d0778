"""Clashing facts lens: aligned passages that state different numbers, sums, percentages, years or
dates for what reads as the same fact ("238 Venezuelans" against "more than 250 Venezuelans").

Figures come from `parallax.text.numbers` and agree the way it says (a qualifier makes a range, so
"238" against "more than 200" agrees; "238" against "two hundred thirty-eight" agrees). Within one
matched pair, figures are compared kind by kind: first every figure that agrees with one on the
other side is set aside; then two figures clash when they count the same thing (`counted_noun` reads
the same noun after them: "238 Venezuelans" / "250 Venezuelans", "3 new detention centres" / "2 new
detention centres", "a 2019 court order" / "a 2018 court order"), or, for sums, percentages, dates
of the same precision and counts that name no thing, when each passage has exactly one such figure
left. A year never clashes with a count, and two years clash only by the first rule.

Two kinds of clash are only *possible*, since a reader must judge them: when each passage has
exactly one count left and the two count people named differently ("238 Venezuelans" / "more than
250 members": the same men, named two ways; a people noun is one of
`parallax.text.wordlists.PERSON_NOUNS` or a capitalised nationality), at the same scale (neither
more than twice the other), while counts of different things ("three flights" / "two planes") never
clash; and when two figures agree only through the slack one side's "about" gives
("about 238" is 214-262 by `parallax.text.numbers`, but 238 itself cannot be "more than 250"). Spans counted
back from the day of writing ("five days ago") are left out, since articles written on different
days rightly differ there. Named entities are not compared: telling "a different person in the same
role" from "another person" is beyond a heuristic, and a false clash costs more trust than a missed
one.

JSON shape (the result dict's ``lenses["clashes"]``, in alignment order)::

    [{"a": passage_id, "b": passage_id,
      "kind": "number" | "money" | "percent" | "year" | "date",
      "a_value": str, "b_value": str,          # as written, with any qualifier: "more than 250"; a
                                                # possible clash of counts adds the noun: "238 Venezuelans"
      "detail": str,                            # "238 vs more than 250"
      "possible": bool,                         # a possible clash (rules above), not a certain one
      "text_a": str, "text_b": str}]           # the two passages
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from parallax.model import PairScore
from parallax.text.numbers import (
    KINDS,
    NEAR_QUALIFIERS,
    Quantity,
    counted_noun,
    counted_noun_at,
    extract_quantities,
    quantities_agree,
)
from parallax.text.wordlists import PERSON_NOUNS, WEEKDAYS

__all__ = ["Clash", "passage_clashes", "find_clashes"]

_SAME_SCALE = 2.0
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
    possible: bool = False

    def to_dict(self, text_a: str = "", text_b: str = "") -> dict[str, Any]:
        """The clash as plain JSON-ready data, with the two passages' texts."""
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "a_value": self.a_value,
            "b_value": self.b_value,
            "detail": f"{self.a_value} vs {self.b_value}",
            "possible": self.possible,
            "text_a": text_a,
            "text_b": text_b,
        }


def _shown(text: str, q: Quantity, unit: str | None = None) -> str:
    """The figure as written, with a qualifier that stands before it ("more than 250") and, given the
    `unit` it counts, everything up to that noun ("more than 250 alleged gang members")."""
    start, end = q.start, q.end
    if q.qualifier:
        before = text[: q.start].rstrip()
        if before.lower().endswith(q.qualifier):
            start = len(before) - len(q.qualifier)
    if unit and (noun := _noun_span(text, q)):
        end = noun[1]
    return text[start:end].strip()


def _noun_span(text: str, q: Quantity) -> tuple[int, int] | None:
    """Where the word holding a count's noun stands in `text` (a hyphenated word whole: "year-old"), or None."""
    start = counted_noun_at(text, q)
    if start is None:
        return None
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return start, end


def _exact(q: Quantity) -> Quantity:
    """The figure without the slack of "about": "about 238" read as 238."""
    return replace(q, qualifier=None) if q.qualifier in NEAR_QUALIFIERS else q


def _loose(x: Quantity, y: Quantity, units: bool = True) -> bool:
    """Whether two figures agree only through the slack of one side's "about" ("about 238" / "more than
    250"); two figures both given as "about" agree as their writers allow."""
    if x.qualifier in NEAR_QUALIFIERS and y.qualifier in NEAR_QUALIFIERS:
        return False
    return bool(quantities_agree(x, y, units)) and quantities_agree(_exact(x), _exact(y), units) is False


def _same_scale(x: Quantity, y: Quantity) -> bool:
    low, high = sorted((abs(x.value), abs(y.value)))
    return low > 0 and high <= _SAME_SCALE * low


def _counts_people(text: str, q: Quantity, unit: str | None) -> bool:
    """Whether a count's noun names people: a people noun, or a capitalised one ("238 Venezuelans")."""
    if not unit:
        return False
    if unit in PERSON_NOUNS:
        return True
    noun = _noun_span(text, q)
    return noun is not None and text[noun[0]].isupper()


def _maybe_same_people(text_a: str, x: Quantity, text_b: str, y: Quantity, units: tuple[str | None, ...]) -> bool:
    """Two lone counts of people named differently, at the same scale, that disagree."""
    if x.kind != "number" or units[0] == units[1] or not _same_scale(x, y):
        return False
    if not (_counts_people(text_a, x, units[0]) and _counts_people(text_b, y, units[1])):
        return False
    return quantities_agree(x, y, units=False) is False or _loose(x, y, units=False)


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
            partner = next((y for y in right if quantities_agree(x, y) and not _loose(x, y)), None)
            if partner is not None:
                left.remove(x)
                right.remove(partner)
        units = {id(q): counted_noun(text_a, q) for q in left} | {id(q): counted_noun(text_b, q) for q in right}
        pairs: list[tuple[Quantity, Quantity, bool, tuple[str | None, str | None]]] = []  # x, y, possible, nouns
        for x in list(left):
            partner = next(
                (
                    y
                    for y in right
                    if units[id(x)] is not None
                    and units[id(x)] == units[id(y)]
                    and (quantities_agree(x, y) is False or _loose(x, y))
                ),
                None,
            )
            if partner is not None:
                pairs.append((x, partner, _loose(x, partner), (None, None)))
                left.remove(x)
                right.remove(partner)
        if len(left) == 1 and len(right) == 1:
            x, y = left[0], right[0]
            unit_x, unit_y = units[id(x)], units[id(y)]
            if _lone_pair_clashes(kind, x, y, unit_x, unit_y) and (quantities_agree(x, y) is False or _loose(x, y)):
                pairs.append((x, y, _loose(x, y), (None, None)))
            elif _maybe_same_people(text_a, x, text_b, y, (unit_x, unit_y)):
                pairs.append((x, y, True, (unit_x, unit_y)))
        for x, y, possible, (noun_x, noun_y) in sorted(pairs, key=lambda p: p[0].start):
            clashes.append(Clash(a, b, kind, _shown(text_a, x, noun_x), _shown(text_b, y, noun_y), possible))
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
