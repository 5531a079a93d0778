"""One colour per outlet and per shared claim, the same on every page, in the report and in exports."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "OUTLET_PALETTE",
    "CLAIM_PALETTE",
    "SINGLE_OUTLET_COLOR",
    "assign_colors",
    "outlet_colors",
    "claim_colors",
]

OUTLET_PALETTE: tuple[str, ...] = (
    "#4C78A8",
    "#D9731A",
    "#54A24B",
    "#E45756",
    "#3F9F98",
    "#B279A2",
    "#B08A00",
    "#D1608C",
    "#9D755D",
    "#7B7BD6",
)
"""Mid-tone colours with a contrast of at least 3:1 on both a white and a near-black background."""

CLAIM_PALETTE: tuple[str, ...] = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#E15759",
    "#B07AA1",
    "#499894",
    "#B6992D",
    "#D37295",
    "#9D7660",
    "#A0CBE8",
    "#FFBE7D",
    "#8CD17D",
    "#F1CE63",
    "#86BCB6",
    "#FF9D9A",
    "#D4A6C8",
    "#D7B5A6",
    "#FABFD2",
)

SINGLE_OUTLET_COLOR = "#9A9A9A"
"""Claims only one outlet reports: grey, so the colours that remain link the same claim across rows."""


def assign_colors(keys: Iterable[str], palette: Sequence[str]) -> dict[str, str]:
    """A colour per key, chosen from a hash of the key so adding or removing others rarely moves it."""
    taken: set[int] = set()
    colors: dict[str, str] = {}
    for key in keys:
        if len(taken) == len(palette):
            taken.clear()
        slot = zlib.crc32(key.encode("utf-8")) % len(palette)
        while slot in taken:
            slot = (slot + 1) % len(palette)
        taken.add(slot)
        colors[key] = palette[slot]
    return colors


def outlet_colors(result: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> colour for every article of a comparison result."""
    return assign_colors((a["id"] for a in result["articles"]), OUTLET_PALETTE)


def claim_colors(result: Mapping[str, Any]) -> dict[str, str]:
    """Claim id -> colour: claims several outlets report get palette colours in order, the rest grey."""
    colors: dict[str, str] = {}
    shared = 0
    for claim in result["claims"]:
        if len(claim["outlets"]) > 1:
            colors[claim["id"]] = CLAIM_PALETTE[shared % len(CLAIM_PALETTE)]
            shared += 1
        else:
            colors[claim["id"]] = SINGLE_OUTLET_COLOR
    return colors
