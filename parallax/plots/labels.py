"""The words charts and pages show for a result: outlet names, clipped labels, grades, safe hover text."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from html import escape
from typing import Any

__all__ = [
    "GRADE_WORDS",
    "LABEL_CHARS",
    "claim_of_passage",
    "clip_text",
    "escape_label",
    "hover_text",
    "match_note",
    "outlet_labels",
]

LABEL_CHARS = 48
"""Characters of a claim label on a chart's axis."""

GRADE_WORDS = {"same": "same fact", "overlap": "overlaps", "related": "related", "unrelated": "unrelated"}
"""How a pair's grade reads beside its score."""


def outlet_labels(result: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> the outlet's name; the id is added where two articles share one name."""
    names = [a["outlet"] or a["id"] for a in result["articles"]]
    return {
        a["id"]: name if names.count(name) == 1 else f"{name} ({a['id']})"
        for a, name in zip(result["articles"], names, strict=True)
    }


def claim_of_passage(result: Mapping[str, Any]) -> dict[str, str]:
    """Passage id -> the id of the claim it belongs to."""
    return {pid: claim["id"] for claim in result["claims"] for pid in claim["passages"]}


def match_note(grade: str, score: float) -> str:
    """A pair's grade in words with its score: "same fact, 0.91", "overlaps, 0.64"."""
    words = GRADE_WORDS.get(grade, "match score")
    return f"{words}, {score:.2f}"


def clip_text(text: str, limit: int = LABEL_CHARS) -> str:
    """The text cut at a word boundary to `limit` characters, with an ellipsis when cut.

    Unlike `parallax.claims.short_label`, which names a claim by its first words, this fits any text
    into a space on screen.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def escape_label(text: Any) -> str:
    """Text shown as text in a plotly label or hover box, which would otherwise read it as markup."""
    return escape(str(text), quote=False)


def hover_text(text: str, limit: int = 420, width: int = 72) -> str:
    """Article text made safe for a plotly hover box: escaped, shortened and wrapped."""
    return "<br>".join(textwrap.wrap(escape_label(clip_text(text, limit)), width)) or "(empty)"
