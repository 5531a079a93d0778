"""One colour per outlet, the same on every page, in the report and in exports, and legible as text on white."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["OUTLET_PALETTE", "assign_colors", "contrast_ratio", "outlet_colors"]

OUTLET_PALETTE: tuple[str, ...] = (
    "#3A6C9E",
    "#B35806",
    "#2F7D32",
    "#C62828",
    "#00796B",
    "#8E44AD",
    "#8A6D00",
    "#AD1457",
    "#795548",
    "#5353C6",
)
"""Distinct hues dark enough for outlet names written in them: WCAG contrast of at least 4.5:1 on white."""


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


def _luminance(color: str) -> float:
    """WCAG relative luminance of a `#RRGGBB` colour."""
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2 contrast ratio of two `#RRGGBB` colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
