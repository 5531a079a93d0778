"""The words charts and pages show for a result: outlet names, clipped labels, grades, safe hover text."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from html import escape
from typing import Any

__all__ = [
    "GRADE_WORDS",
    "LABEL_CHARS",
    "SETTING_LABELS",
    "SETTING_VALUES",
    "claim_of_passage",
    "clip_text",
    "escape_label",
    "hover_text",
    "match_note",
    "outlet_labels",
    "setting_rows",
    "settings_line",
    "wrap_label",
]

LABEL_CHARS = 48
"""Characters of a claim label on a chart's axis."""

GRADE_WORDS = {"same": "same fact", "overlap": "overlaps", "related": "related", "unrelated": "unrelated"}
"""How a pair's grade reads beside its score."""


SETTING_LABELS: dict[str, str] = {
    "model": "Embedding model",
    "threshold": "Match strictness",
    "passage_size": "Compared by",
    "backend": "Model runs on",
}
"""A setting's name as reports and the settings line give it (the sidebar words its controls as actions)."""
SETTING_VALUES: dict[str, dict[Any, str]] = {
    "passage_size": {"sentence": "sentence", "paragraph": "paragraph"},
    "backend": {"onnx": "ONNX (fast)", "torch": "torch (reference)"},
}
"""A setting's choices as the sidebar and the reports name them."""


def setting_rows(settings: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(readable name, readable value) for each setting, in the order given; unknown names are kept as they are."""
    rows = []
    for name, value in settings.items():
        shown = f"{value:.2f}" if isinstance(value, float) else SETTING_VALUES.get(name, {}).get(value, value)
        rows.append(
            (SETTING_LABELS.get(name, name.replace("_", " ").capitalize()), "" if shown is None else str(shown))
        )
    return rows


def settings_line(result: Mapping[str, Any]) -> str:
    """The event and its settings in one line of plain text, as a picture of a chart carries them."""
    settings = dict(result.get("settings") or {})
    settings.setdefault("model", result.get("model", ""))
    shown = " · ".join(f"{name}: {value}" for name, value in setting_rows(settings) if value)
    return " · ".join(part for part in (str(result.get("event") or "Untitled event"), shown) if part)


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


def wrap_label(text: str, width: int, lines: int = 2) -> str:
    """Text escaped and wrapped onto at most `lines` lines of `width` characters (joined by <br>) for a chart.

    Text longer than the lines hold is clipped at a word with an ellipsis.
    """
    wrapped = textwrap.wrap(clip_text(text, width * lines), width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], clip_text(" ".join(wrapped[lines - 1 :]), width)]
    return "<br>".join(escape_label(line) for line in wrapped)


def escape_label(text: Any) -> str:
    """Text shown as text in a plotly label or hover box, which would otherwise read it as markup."""
    return escape(str(text), quote=False)


def hover_text(text: str, limit: int = 420, width: int = 72) -> str:
    """Article text made safe for a plotly hover box: escaped, shortened and wrapped."""
    return "<br>".join(textwrap.wrap(escape_label(clip_text(text, limit)), width)) or "(empty)"
