"""The Framing page's data: passages side by side (tone gaps, clashing figures), words, voices, the axis's ends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.lenses.words import CLEAR_Z
from parallax.model import Passage
from parallax.plots.labels import outlet_labels

__all__ = [
    "TONE_COLUMNS",
    "VOICE_COLUMNS",
    "Cell",
    "SideBySide",
    "axis_extremes",
    "clash_pairs",
    "outlet_terms",
    "result_passages",
    "same_fact_tone_rows",
    "terms_by_outlet",
    "tone_gap_pairs",
    "unique_voices",
    "voice_rows",
]

VOICE_COLUMNS = ("Outlet", "Voice", "Words", "Quotes", "Direct", "Reported")
TONE_COLUMNS = ("Outlet", "Tone against the same fact elsewhere", "Pairs compared")


@dataclass(frozen=True)
class Cell:
    """One passage under its outlet's name, with a note (its tone, its figure, its position)."""

    outlet: str
    note: str
    text: str


@dataclass(frozen=True)
class SideBySide:
    """Passages shown next to each other under a heading; `kind`, when given, is said after it."""

    heading: str
    cells: tuple[Cell, ...]
    kind: str = ""


def _cells(result: Mapping[str, Any], rows: list[tuple[str, str, str]]) -> tuple[Cell, ...]:
    """(passage id, text, note) -> cells under the name of the outlet each passage comes from."""
    labels = outlet_labels(result)
    owner = {p["id"]: a["id"] for a in result["articles"] for p in a["passages"]}
    return tuple(Cell(labels.get(owner.get(pid, ""), owner.get(pid, "")), note, text) for pid, text, note in rows)


def tone_gap_pairs(result: Mapping[str, Any]) -> list[SideBySide]:
    """Matched passages told in a warmer and a colder voice, widest gap first (as the tone lens lists them)."""
    return [
        SideBySide(
            f"Tone gap {gap['gap']:.2f}",
            _cells(
                result,
                [
                    (gap["a"], gap["text_a"], f"tone {gap['tone_a']:+.2f}"),
                    (gap["b"], gap["text_b"], f"tone {gap['tone_b']:+.2f}"),
                ],
            ),
        )
        for gap in (result.get("lenses") or {}).get("tone", {}).get("gaps", [])
    ]


def same_fact_tone_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per outlet, in article order: how much warmer (+) or colder (-) it tells the facts other outlets
    tell too (None when it shares no fact graded `same`), and over how many pairs."""
    labels = outlet_labels(result)
    same = ((result.get("lenses") or {}).get("tone") or {}).get("same_fact", {}).get("articles", {})
    return [
        dict(
            zip(
                TONE_COLUMNS,
                (labels[a["id"]], same.get(a["id"], {}).get("mean"), same.get(a["id"], {}).get("pairs", 0)),
                strict=True,
            )
        )
        for a in result["articles"]
    ]


def clash_pairs(result: Mapping[str, Any]) -> list[SideBySide]:
    """Matched passages that state different figures, each under the figures that clash; a clash of
    counts that name their things differently, or that agree only roughly, is a "possible clash"."""
    return [
        SideBySide(
            clash["detail"],
            _cells(
                result,
                [(clash["a"], clash["text_a"], clash["a_value"]), (clash["b"], clash["text_b"], clash["b_value"])],
            ),
            kind=f"{clash['kind']}, possible clash" if clash.get("possible") else clash["kind"],
        )
        for clash in (result.get("lenses") or {}).get("clashes", [])
    ]


def outlet_terms(result: Mapping[str, Any]) -> dict[str, list[str]]:
    """Article id -> its distinctive terms at z >= CLEAR_Z from the words lens (empty when it has none)."""
    terms = (result.get("lenses") or {}).get("words", {}).get("terms", {})
    return {aid: [t["term"] for t in found if t["z"] >= CLEAR_Z] for aid, found in terms.items()}


def terms_by_outlet(result: Mapping[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(outlet, its distinctive terms at z >= CLEAR_Z with z-scores and counts), for every article in
    order; a comparison saved with a lower threshold shows only what clears this one."""
    labels = outlet_labels(result)
    terms = result["lenses"]["words"]["terms"]
    return [(labels[a["id"]], [t for t in terms.get(a["id"], []) if t["z"] >= CLEAR_Z]) for a in result["articles"]]


def voice_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Who each outlet quotes: one row per outlet and voice, with the voice's words and quotes."""
    labels = outlet_labels(result)
    voices = result["lenses"]["voices"]["articles"]
    return [
        dict(
            zip(
                VOICE_COLUMNS,
                (labels[a["id"]], v["voice"], v["words"], v["quotes"], v["direct"], v["indirect"]),
                strict=True,
            )
        )
        for a in result["articles"]
        for v in voices.get(a["id"], [])
    ]


def unique_voices(result: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(outlet, the voices only it quotes), for the outlets that have any, in article order."""
    labels = outlet_labels(result)
    only: dict[str, list[str]] = {}
    for row in result["lenses"]["voices"]["unique"]:
        only.setdefault(row["article"], []).append(row["voice"])
    return [(labels[a["id"]], only[a["id"]]) for a in result["articles"] if a["id"] in only]


def axis_extremes(result: Mapping[str, Any], entry: Mapping[str, Any]) -> list[tuple[str, list[Cell]]]:
    """For the left pole, then the right: (its label, each outlet's passage nearest to it, with its position)."""
    labels = outlet_labels(result)
    text = {p["id"]: p["text"] for a in result["articles"] for p in a["passages"]}
    axis, extremes = entry["axis"], entry.get("extremes", {})
    return [
        (
            axis[side]["label"],
            [
                Cell(labels[a["id"]], f"position {item['position']:+.2f}", text.get(item["passage"], ""))
                for a in result["articles"]
                for item in extremes.get(a["id"], {}).get(side, [])[:1]
            ],
        )
        for side in ("left", "right")
    ]


def result_passages(result: Mapping[str, Any]) -> list[Passage]:
    """The result's passages as Passage objects, article by article (what the axes lens reads)."""
    return [
        Passage(p["id"], a["id"], p["index"], p["text"], p["start"], p["end"])
        for a in result["articles"]
        for p in a["passages"]
    ]
