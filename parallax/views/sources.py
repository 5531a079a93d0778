"""The Sources page's notes on each article: its size once analysed, and why it was left out of the comparison."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["NOT_ANALYSED", "dropped_sources", "source_sizes"]

NOT_ANALYSED = "not analysed"


def source_sizes(result: Mapping[str, Any] | None) -> dict[str, str]:
    """Article id -> "<words> words, <passages> passages" for every analysed article (none without a result)."""
    if not result:
        return {}
    return {a["id"]: f"{a['words']} words, {len(a['passages'])} passages" for a in result["articles"]}


def dropped_sources(result: Mapping[str, Any] | None) -> dict[str, str]:
    """Source (an outlet or article id) -> the message saying why the comparison left it out."""
    return {p["source"]: p["message"] for p in result["problems"]} if result else {}
